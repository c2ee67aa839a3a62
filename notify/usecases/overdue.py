"""Settling notifications whose delivery receipt never came (domain.overdue), so that none stays `sending`.

A receipt is lost when the process that was to record it dies (the fakes report theirs from a timer thread;
a real provider's callback may hit a process being killed) or when the provider never sends it. Every
delivering process runs `sweep_overdue` now and then; it is safe in any number of processes at once (every
change is a compare-and-set):

    awaiting a receipt for longer than `ask_after`  -> ask the provider that took it, record its answer
    still awaiting after `give_up_after` (72 hours)  -> temporary-failure (SMS and email; as Notify)

Both move the notification the way a receipt does, so services hear about it through their callbacks."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from attrs import evolve, frozen

from notify.domain.constants import NotificationStatus
from notify.domain.notification import Notification, StatusChange
from notify.domain.overdue import AWAITING_RECEIPT, ReceiptDeadlines
from notify.ports.providers import DeliveryReceipt

from .app import Notify
from .delivery import record_receipts
from .status_callbacks import notify_status_changes

log = logging.getLogger("notify.overdue")


@frozen
class OverdueSweep:
    """What one sweep did: notifications looked at, answers recorded from providers, notifications timed out."""

    overdue: int
    answered: int
    timed_out: int


def sweep_overdue(notify: Notify, deadlines: ReceiptDeadlines, *, limit: int = 1000) -> OverdueSweep:
    now = notify.clock.now()
    with notify.uow() as uow:
        overdue = [n for status in sorted(AWAITING_RECEIPT)
                   for n in uow.notifications.list_by_status(status, created_before=deadlines.ask_before(now),
                                                             limit=limit)
                   if deadlines.worth_asking(n, now)]
    if not overdue:
        return OverdueSweep(0, 0, 0)
    answers = _ask_providers(notify, overdue)
    answered = record_receipts(notify, answers) if answers else []
    settled = set(answered)
    expired = [(n, status) for n in overdue if n.id not in settled
               and (status := deadlines.timed_out(n, now)) is not None]
    timed_out = _time_out(notify, expired, now) if expired else []
    if answered or timed_out:
        log.warning("%d notification(s) overdue for a receipt: %d settled by asking their provider, %d timed out",
                    len(overdue), len(answered), len(timed_out))
    return OverdueSweep(len(overdue), len(answered), len(timed_out))


def _ask_providers(notify: Notify, overdue: Sequence[Notification]) -> list[DeliveryReceipt]:
    """Each provider that can be asked is asked about the notifications it took; one that fails is not asked
    again in this sweep (it is likely down for all of them)."""
    every: list[Any] = [*notify.sms_providers, *notify.email_providers, *notify.letter_providers]
    adapters = {adapter.name: adapter for adapter in every}
    failing: set[str] = set()
    answers: list[DeliveryReceipt] = []
    for notification in overdue:
        name = notification.sent_by
        adapter = adapters.get(name or "")
        ask = getattr(adapter, "delivery_status", None)
        if name is None or ask is None or name in failing:
            continue
        try:
            status = ask(notification_id=notification.id, reference=notification.reference)
        except Exception as exc:  # a provider that cannot answer now: the next sweep asks again
            log.warning("provider %s could not say what became of %s: %s: %s", name, notification.id,
                        type(exc).__name__, exc)
            failing.add(name)
            continue
        if isinstance(status, NotificationStatus):
            answers.append(DeliveryReceipt(name, notification.id, status))
    return answers


def _time_out(notify: Notify, expired: Sequence[tuple[Notification, NotificationStatus]],
              now: datetime) -> list[Notification]:
    with notify.uow() as uow:
        moved = set(uow.notifications.set_statuses(
            [StatusChange(n.id, n.status, status) for n, status in expired], now=now))
        uow.commit()
    timed_out = [evolve(n, status=status, updated_at=now) for n, status in expired if n.id in moved]
    notify_status_changes(notify, timed_out)
    return timed_out
