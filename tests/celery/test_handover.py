"""Fast tests of the Celery adapter (eager, memory broker) and of the hand-over ledger that keeps a provider that
is not idempotent from ever being handed a notification twice (usecases.handover), on every store."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import attrs
import pytest

from notify.adapters.queue.celery_queue import CeleryQueue, make_celery, register_tasks
from notify.domain.constants import NotificationStatus as S
from notify.usecases import delivery, handover
from notify.usecases.app import Notify

from ..storage import STORES
from ..v2.conftest import Fakes, World


def celery_wired(world: World, fakes: Fakes) -> tuple[Notify, CeleryQueue]:
    """As `notify worker` wires it, with tasks run eagerly in this thread."""
    app = make_celery("memory://", queue="test")
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    queue = CeleryQueue(app)
    base = world.notify
    wired = attrs.evolve(base, queue=queue, job_queue=queue,
                         sms_providers=[handover.GuardedProvider(fakes.sms, base)],
                         email_providers=[handover.GuardedProvider(fakes.email, base)],
                         letter_providers=[handover.GuardedProvider(fakes.letter, base)])
    register_tasks(app, deliver_many=lambda ids: delivery.deliver_many(wired, ids), process_job=lambda _: None)
    return wired, queue


def created(world: World, wired: Notify, n: int = 1) -> list[UUID]:
    """Through the API on the held synchronous queue: stored in `created`, nothing delivered."""
    ids = []
    for i in range(n):
        result = world.client().post("/v2/notifications/sms", json={
            "phone_number": f"07700900{100 + i}", "template_id": str(world.sms.id), "personalisation": {"name": "Jo"}})
        assert result.status_code == 201, result.json
        ids.append(UUID(result.json["id"]))
    return ids


def stored(notify: Notify, nid: UUID) -> Any:
    with notify.uow() as uow:
        return uow.notifications.find(nid)


def test_the_celery_queue_delivers_each_id_once(world: World, fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, queue = celery_wired(world, fakes)
    ids = created(world, wired, 3)
    queue.enqueue_many(ids)
    queue.enqueue(ids[0])  # at-least-once: a duplicate message is a no-op
    assert sorted(m.notification_id for m in fakes.sms.sent) == sorted(ids)
    assert {stored(wired, i).status for i in ids} == {S.SENDING}


def test_a_second_hand_over_is_refused_and_a_refused_provider_gives_it_back(world: World, fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, _ = celery_wired(world, fakes)
    [nid] = created(world, wired)
    assert handover.begin_hand_over(wired, nid, "fake-sms") is True
    assert handover.begin_hand_over(wired, nid, "fake-sms") is False
    handover.cancel_hand_over(wired, nid)
    assert handover.begin_hand_over(wired, nid, "other") is True
    [delivered] = created(world, wired)
    delivery.deliver(attrs.evolve(wired, sms_providers=[fakes.sms]), delivered)
    assert handover.begin_hand_over(wired, delivered, "fake-sms") is False  # no longer waiting


@pytest.mark.parametrize("new_uow", STORES, indirect=True)
def test_a_batch_takes_only_the_entries_nobody_holds_and_leaves_the_others_as_they_were(world: World,
                                                                                       fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, _ = celery_wired(world, fakes)
    fresh, held, gone = created(world, wired, 3)
    assert handover.begin_hand_over(wired, held, "fake-sms")  # another worker's, its call under way
    delivery.deliver(attrs.evolve(wired, sms_providers=[fakes.sms]), gone)
    before = stored(wired, held)
    world.clock.advance(minutes=1)
    assert handover.begin_hand_overs(wired, [gone, held, fresh, fresh]) == {fresh}
    assert stored(wired, held) == before  # its hand-over's start (for the timeout sweep) is not moved
    assert stored(wired, fresh).updated_at == world.clock.now()
    handover.cancel_hand_overs(wired, [held])  # the other worker's provider refused it
    assert handover.begin_hand_overs(wired, [held, fresh]) == {held}
    assert handover.begin_hand_overs(wired, [gone]) == set()


@pytest.mark.parametrize("new_uow", STORES, indirect=True)
def test_a_batch_no_provider_took_is_given_back_and_sent_once_on_the_retry(world: World, fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, _ = celery_wired(world, fakes)
    ids = created(world, wired, 3)
    wired = attrs.evolve(wired, queue=None)  # the retry is made here, not by the (eager) queue
    fakes.sms.failing = True
    assert sorted(delivery.deliver_many(wired, ids)) == sorted(ids)  # put back for a retry
    assert fakes.sms.sent == [] and {stored(wired, i).status for i in ids} == {S.CREATED}
    fakes.sms.failing = False
    delivery.deliver_many(wired, ids)
    assert sorted(m.notification_id for m in fakes.sms.sent) == sorted(ids)
    assert {stored(wired, i).status for i in ids} == {S.SENDING}


def test_a_notification_a_dead_worker_never_handed_over_is_sent_once_when_redelivered(world: World,
                                                                                        fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, queue = celery_wired(world, fakes)
    [nid] = created(world, wired)  # a worker took its message, then died before any provider call
    queue.enqueue(nid)  # the broker redelivers it
    assert [m.notification_id for m in fakes.sms.sent] == [nid]
    assert stored(wired, nid).status is S.SENDING and stored(wired, nid).reference is not None


def test_a_hand_over_nobody_recorded_is_never_resent_and_times_out(world: World, fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, queue = celery_wired(world, fakes)
    [nid] = created(world, wired)
    assert handover.begin_hand_over(wired, nid, "fake-sms")  # ... and the worker died during the call
    queue.enqueue(nid)  # redelivered: refused, the provider may have it
    assert fakes.sms.sent == [] and stored(wired, nid).status is S.CREATED
    timeouts = {"older_than": timedelta(minutes=5), "sending_timeout": timedelta(hours=1)}
    world.clock.advance(minutes=6)
    assert handover.sweep_handovers(wired, **timeouts) == 0  # waiting for a receipt
    world.clock.advance(hours=1)
    assert handover.sweep_handovers(wired, **timeouts) == 1
    assert stored(wired, nid).status is S.TEMPORARY_FAILURE
    assert fakes.sms.sent == []


def test_ids_sent_together_are_published_as_one_message_when_not_eager() -> None:
    app = make_celery("memory://", queue="batched")
    queue = CeleryQueue(app, linger=0.5)
    ids = [UUID(int=i) for i in range(1, 6)]
    for notification_id in ids:
        queue.enqueue(notification_id)
    queue.stop()  # publishes what it holds
    messages = []
    with app.connection_for_read() as connection:
        inbox = connection.SimpleQueue("batched")
        while inbox.qsize():
            message = inbox.get(timeout=1)
            messages.append(message.payload)
            message.ack()
        inbox.close()
    assert [args for args, _, _ in messages] == [[[str(i) for i in ids]]]


def test_a_jobs_rows_are_published_to_the_bulk_queue_and_other_sends_to_the_main_one() -> None:
    from uuid import uuid4

    from tests import factories

    app = make_celery("memory://", queue="fair")
    queue = CeleryQueue(app)
    service_id, job_id = uuid4(), uuid4()
    rows = [factories.notification(service_id, job_id=job_id) for _ in range(3)]
    sends = [factories.notification(service_id) for _ in range(2)]
    queue.enqueue_prepared([(n, None) for n in rows])
    queue.enqueue_prepared([(n, None) for n in sends])
    queue.stop()

    def published(name: str) -> list[list[str]]:
        found = []
        with app.connection_for_read() as connection:
            inbox = connection.SimpleQueue(name)
            while inbox.qsize():
                message = inbox.get(timeout=1)
                found.append(message.payload[0][0])
                message.ack()
            inbox.close()
        return found

    assert published("fair.bulk") == [[str(n.id) for n in rows]]
    assert published("fair") == [[str(n.id) for n in sends]]


def test_a_worker_takes_back_once_what_it_enqueued_prepared_and_a_publisher_keeps_nothing(world: World,
                                                                                       fakes: Fakes) -> None:
    fakes.queue.hold = True
    app = make_celery("memory://", queue="keep")  # no tasks registered here: publishing only
    ids = created(world, world.notify, 2)
    with world.notify.uow() as uow:
        notifications = list(uow.notifications.find_many(ids))
    worker, publisher = CeleryQueue(app, keep_prepared=True), CeleryQueue(app)
    for queue in (worker, publisher):
        queue.enqueue_prepared([(n, None) for n in notifications])
    assert worker.take_prepared([*ids, ids[0]]) == {n.id: (n, None) for n in notifications}
    assert worker.take_prepared(ids) == {}
    assert publisher.take_prepared(ids) == {}
