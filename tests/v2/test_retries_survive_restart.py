"""Retries that outlive their process: a delivery whose providers all failed, and a status callback the service
did not take, are scheduled in the store; a process started afterwards on the same store (its own queue,
runner and providers: what waited in the first one's memory is gone) makes them when due. Every store."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest

from notify.adapters.callbacks import FakeCallbackSender, ManualTaskRunner
from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider
from notify.adapters.queue import SynchronousDeliveryQueue
from notify.domain.callback_api import CallbackRetry
from notify.domain.constants import CallbackType, NotificationStatus as S
from notify.usecases import callback_apis, delivery
from notify.usecases.app import Notify
from notify.usecases.retries import SWEEP_GRACE, RetrySweep, sweep_retries
from notify.usecases.retry_policy import RetryPolicy

from .conftest import Fakes, World, wire
from .test_delivery import send, stored

STORES = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def restarted(notify: Notify) -> tuple[Notify, Fakes]:
    """A new process on the same store: fresh queue and providers, nothing of the old one's memory."""
    fakes = Fakes(FakeSmsProvider(receipt_delay=None), FakeEmailProvider(receipt_delay=None),
                  FakeLetterProvider(receipt_delay=None), SynchronousDeliveryQueue())
    return wire(notify, fakes), fakes


@pytest.mark.parametrize("new_uow", STORES, indirect=True)
def test_a_delivery_retry_pending_at_a_restart_is_made_when_due_and_not_before(world: World, fakes: Fakes) -> None:
    policy = RetryPolicy(attempts=3, first_delay=60, max_delay=600)
    first = attrs.evolve(world.notify, retry_policy=policy)
    fakes.sms.failing = True
    fakes.queue.hold = True
    nid = send(world)
    delivery.deliver_many(first, [nid])
    assert stored(first, nid).status is S.CREATED
    assert [delay for delay, _ in fakes.queue.delayed] == [60.0]  # waits in this process's memory...

    second, new = restarted(attrs.evolve(first, queue=None))  # ...which dies with it
    new.queue.hold = True
    world.clock.advance(minutes=5)
    assert delivery.sweep_created(second) == 0  # still `created`, but its retry is scheduled: not lost
    assert sweep_retries(second, grace=SWEEP_GRACE) == RetrySweep(1, 0)
    new.queue.run()
    assert stored(second, nid).status is S.SENDING
    assert [m.notification_id for m in new.sms.sent] == [nid]
    assert sweep_retries(second) == RetrySweep(0, 0)  # taken once


@pytest.mark.parametrize("new_uow", STORES, indirect=True)
def test_a_delivery_retry_is_not_made_before_its_time(world: World, fakes: Fakes) -> None:
    first = attrs.evolve(world.notify, retry_policy=RetryPolicy(attempts=3, first_delay=600, max_delay=600))
    fakes.sms.failing = True
    fakes.queue.hold = True
    nid = send(world)
    delivery.deliver_many(first, [nid])
    second, new = restarted(attrs.evolve(first, queue=None))
    world.clock.advance(minutes=9)
    assert sweep_retries(second) == RetrySweep(0, 0)
    assert delivery.sweep_created(second) == 0
    world.clock.advance(minutes=2)
    assert sweep_retries(second) == RetrySweep(1, 0)
    assert stored(second, nid).status is S.SENDING  # the synchronous queue delivered it at once


@pytest.mark.parametrize("new_uow", STORES, indirect=True)
def test_a_callback_retry_pending_at_a_restart_is_made_when_due(world: World, fakes: Fakes) -> None:
    callback_apis.create_callback_api(world.notify, world.service.id, url="https://service.example.gov.uk/cb",
                                      bearer_token="the-services-bearer-token", updated_by_id=world.user.id,
                                      callback_type=CallbackType.DELIVERY_STATUS)
    down, runner = FakeCallbackSender(), ManualTaskRunner()
    down.script(500)
    first = attrs.evolve(world.notify, callbacks=down, callback_runner=runner,
                         callback_retry=CallbackRetry(max_retries=5, delay_seconds=300))
    for provider in (fakes.sms, fakes.email, fakes.letter):
        provider.connect(delivery.receipt_sink(first))
    nid = send(world)
    fakes.flush()  # delivered: the service is told, and answers 500
    assert runner.run_all(limit=1) == 1 and len(down.sent) == 1
    assert runner.delays == [0.0, 300.0]  # the retry waits on this process's runner, which dies with it

    up, new_runner = FakeCallbackSender(), ManualTaskRunner()
    second = attrs.evolve(first, callbacks=up, callback_runner=new_runner)
    world.clock.advance(seconds=300)
    assert sweep_retries(second) == RetrySweep(0, 0)  # due, but its own process might still make it
    world.clock.advance(seconds=60)
    assert sweep_retries(second) == RetrySweep(0, 1)
    assert new_runner.run_all() == 1
    [made] = up.sent
    assert (made.url, made.payload["id"], made.payload["status"]) == (
        "https://service.example.gov.uk/cb", str(nid), "delivered")
    assert sweep_retries(second) == RetrySweep(0, 0)
    world.clock.advance(hours=1)
    assert sweep_retries(second) == RetrySweep(0, 0)  # made and forgotten, not leased for ever
    runner.run_all()  # the first process's timer, had it lived: someone else took it, nothing is sent twice
    assert len(down.sent) == 1 and len(up.sent) == 1


@pytest.mark.parametrize("new_uow", STORES, indirect=True)
def test_a_callback_retry_made_by_its_own_process_is_not_made_again_by_the_sweep(world: World,
                                                                                 fakes: Fakes) -> None:
    callback_apis.create_callback_api(world.notify, world.service.id, url="https://service.example.gov.uk/cb",
                                      bearer_token="the-services-bearer-token", updated_by_id=world.user.id,
                                      callback_type=CallbackType.DELIVERY_STATUS)
    sender, runner = FakeCallbackSender(), ManualTaskRunner()
    sender.script(500, 200)
    notify = attrs.evolve(world.notify, callbacks=sender, callback_runner=runner,
                          callback_retry=CallbackRetry(max_retries=5, delay_seconds=300))
    for provider in (fakes.sms, fakes.email, fakes.letter):
        provider.connect(delivery.receipt_sink(notify))
    send(world)
    fakes.flush()
    assert runner.run_all() == 2 and len(sender.sent) == 2
    world.clock.advance(hours=1)
    assert sweep_retries(notify, grace=timedelta(0)) == RetrySweep(0, 0)


@pytest.mark.parametrize("new_uow", STORES, indirect=True)
def test_a_callback_retry_whose_callback_was_deleted_meanwhile_is_dropped(world: World, fakes: Fakes) -> None:
    callback = callback_apis.create_callback_api(
        world.notify, world.service.id, url="https://service.example.gov.uk/cb", bearer_token="the-token-abc",
        updated_by_id=world.user.id, callback_type=CallbackType.DELIVERY_STATUS)
    down, runner = FakeCallbackSender(), ManualTaskRunner()
    down.script(500)
    first = attrs.evolve(world.notify, callbacks=down, callback_runner=runner,
                         callback_retry=CallbackRetry(max_retries=5, delay_seconds=300))
    for provider in (fakes.sms, fakes.email, fakes.letter):
        provider.connect(delivery.receipt_sink(first))
    send(world)
    fakes.flush()
    assert runner.run_all(limit=1) == 1
    callback_apis.delete_callback_api(world.notify, world.service.id, callback.id)
    world.notify.cache.clear()

    up, new_runner = FakeCallbackSender(), ManualTaskRunner()
    second = attrs.evolve(first, callbacks=up, callback_runner=new_runner)
    world.clock.advance(minutes=10)
    assert sweep_retries(second) == RetrySweep(0, 1)
    assert new_runner.run_all() == 0 and up.sent == []
    world.clock.advance(hours=1)
    assert sweep_retries(second) == RetrySweep(0, 0)  # dropped, not leased again
