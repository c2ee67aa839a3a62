"""Receipts that never came: the overdue sweep asks the provider that took the message, and times out what
nobody can answer for (SMS and email after 72 hours, as Notify; letters never)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import attrs

from notify.adapters.providers.fake import FakeSmsProvider
from notify.domain.constants import NotificationStatus as S
from notify.domain.overdue import ReceiptDeadlines
from notify.usecases.overdue import sweep_overdue

from .conftest import ADDRESS, Fakes, World
from .test_delivery import send, stored

DEADLINES = ReceiptDeadlines(ask_after=timedelta(minutes=10), give_up_after=timedelta(hours=72))


def test_a_lost_receipt_is_had_again_by_asking_the_provider_once_the_wait_is_over(world: World, fakes: Fakes) -> None:
    delivered = send(world)
    failed = send(world, phone_number="07700900002")  # the simulated permanent failure
    # receipt_delay=None: the fake holds its receipts; never flushed, they are lost as with a killed process
    assert {stored(world.notify, i).status for i in (delivered, failed)} == {S.SENDING}
    world.clock.advance(minutes=9)
    assert sweep_overdue(world.notify, DEADLINES).overdue == 0  # a receipt may still come
    world.clock.advance(minutes=2)
    assert sweep_overdue(world.notify, DEADLINES) == attrs_sweep(overdue=2, answered=2, timed_out=0)
    assert stored(world.notify, delivered).status is S.DELIVERED
    assert stored(world.notify, failed).status is S.PERMANENT_FAILURE
    fakes.flush()  # the late receipts change nothing
    assert sweep_overdue(world.notify, DEADLINES).overdue == 0


def test_what_no_provider_can_answer_for_times_out_after_72_hours_except_letters(
        world: World, fakes: Fakes) -> None:
    amnesiac = FakeSmsProvider(receipt_delay=None)  # `notify serve` started again: no record of what it took
    sms = send(world)
    email = _send(world, "email", {"email_address": "someone@example.com", "template_id": str(world.email.id),
                                   "personalisation": {"name": "Jo"}})
    letter = _send(world, "letter", {"template_id": str(world.letter.id),
                                     "personalisation": {**ADDRESS, "name": "Jo"}})
    fakes.email.script["someone@example.com"] = S.DELIVERED
    restarted = attrs.evolve(world.notify, sms_providers=[amnesiac], email_providers=[_Silent("fake-email")],
                             letter_providers=[_Silent("fake-letter")])
    world.clock.advance(hours=71)
    assert sweep_overdue(restarted, DEADLINES) == attrs_sweep(overdue=3, answered=0, timed_out=0)
    world.clock.advance(hours=2)
    assert sweep_overdue(restarted, DEADLINES) == attrs_sweep(overdue=3, answered=0, timed_out=2)
    assert stored(world.notify, sms).status is S.TEMPORARY_FAILURE
    assert stored(world.notify, email).status is S.TEMPORARY_FAILURE
    assert stored(world.notify, letter).status is S.SENDING  # the post is slow; letters are never timed out
    fakes.flush()
    assert stored(world.notify, sms).status is S.TEMPORARY_FAILURE  # a receipt after the timeout is late


def test_a_provider_failing_to_answer_does_not_stop_the_sweep(world: World, fakes: Fakes) -> None:
    nid = send(world)
    broken = attrs.evolve(world.notify, sms_providers=[_Broken("fake-sms")])
    world.clock.advance(minutes=11)
    assert sweep_overdue(broken, DEADLINES) == attrs_sweep(overdue=1, answered=0, timed_out=0)
    world.clock.advance(hours=72)
    assert sweep_overdue(broken, DEADLINES).timed_out == 1
    assert stored(world.notify, nid).status is S.TEMPORARY_FAILURE


def attrs_sweep(**counts: int) -> Any:
    from notify.usecases.overdue import OverdueSweep

    return OverdueSweep(**counts)


def _send(world: World, kind: str, body: dict[str, Any]) -> UUID:
    result = world.client().post(f"/v2/notifications/{kind}", json=body)
    assert result.status_code == 201, result.json
    return UUID(result.json["id"])


class _Silent:
    """A provider adapter that cannot be asked (no delivery_status)."""

    def __init__(self, name: str) -> None:
        self.name = name


class _Broken:
    def __init__(self, name: str) -> None:
        self.name = name

    def delivery_status(self, *, notification_id: UUID, reference: str | None) -> S | None:
        raise TimeoutError("no answer")
