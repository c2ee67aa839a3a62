"""Fast tests of the Celery adapter (eager, memory broker) and of the hand-over ledger that lets a stale claim be
retried without ever sending twice (usecases.handover), on every store."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import attrs

from notify.adapters.queue.celery_queue import CeleryQueue, make_celery, register_tasks
from notify.domain.constants import NotificationStatus as S
from notify.usecases import delivery, handover
from notify.usecases.app import Notify

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
    register_tasks(app, deliver=lambda nid: delivery.deliver(wired, nid), process_job=lambda _: None)
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
    assert handover.begin_hand_over(wired, nid, "x") is False  # not claimed yet
    with wired.uow() as uow:
        n = uow.notifications.find(nid)
        uow.notifications.update_if_status(n.mark_sending(provider="fake-sms", now=world.clock.now()),
                                           expected={S.CREATED})
        uow.commit()
    assert handover.begin_hand_over(wired, nid, "fake-sms") is True
    assert handover.begin_hand_over(wired, nid, "fake-sms") is False
    handover.cancel_hand_over(wired, nid)
    assert handover.begin_hand_over(wired, nid, "other") is True


def test_a_stale_claim_never_handed_over_is_released_and_sent_once(world: World, fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, _ = celery_wired(world, fakes)
    [nid] = created(world, wired)
    with wired.uow() as uow:  # a worker claimed it, then died before any provider call
        n = uow.notifications.find(nid)
        uow.notifications.update_if_status(n.mark_sending(provider="fake-sms", now=world.clock.now()),
                                           expected={S.CREATED})
        uow.commit()
    assert handover.sweep_claims(wired, claim_timeout=timedelta(minutes=5)) == handover.SweepResult(0, 0)
    world.clock.advance(minutes=6)
    assert handover.sweep_claims(wired, claim_timeout=timedelta(minutes=5)) == handover.SweepResult(1, 0)
    assert [m.notification_id for m in fakes.sms.sent] == [nid]  # re-enqueued and delivered (eagerly)
    assert stored(wired, nid).status is S.SENDING and stored(wired, nid).reference is not None


def test_a_claim_handed_over_without_an_answer_is_never_resent_and_times_out(world: World, fakes: Fakes) -> None:
    fakes.queue.hold = True
    wired, _ = celery_wired(world, fakes)
    [nid] = created(world, wired)
    with wired.uow() as uow:
        n = uow.notifications.find(nid)
        uow.notifications.update_if_status(n.mark_sending(provider="fake-sms", now=world.clock.now()),
                                           expected={S.CREATED})
        uow.commit()
    assert handover.begin_hand_over(wired, nid, "fake-sms")  # ... and the worker died during the call
    world.clock.advance(minutes=6)
    timeouts = {"claim_timeout": timedelta(minutes=5), "sending_timeout": timedelta(hours=1)}
    assert handover.sweep_claims(wired, **timeouts) == handover.SweepResult(0, 0)
    assert stored(wired, nid).status is S.SENDING
    assert delivery.deliver(wired, nid) is None  # a redelivered message finds it claimed
    world.clock.advance(hours=1)
    assert handover.sweep_claims(wired, **timeouts) == handover.SweepResult(0, 1)
    assert stored(wired, nid).status is S.TEMPORARY_FAILURE
    assert fakes.sms.sent == []
