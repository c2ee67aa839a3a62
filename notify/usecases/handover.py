"""Never twice to a provider that is not idempotent, when workers can die at any instruction.

Delivery hands a notification over while it is `created` and records the hand-over afterwards (usecases.
delivery). A worker killed in between leaves it `created`: the broker redelivers the message, or the sweep
re-enqueues it, and it is handed over again. For an idempotent provider (ports.providers; the fakes are) that
is harmless: what the dead worker handed over is answered from the provider's record, what it did not is sent
now. Nothing is lost and nothing arrives twice.

A provider that is not idempotent is wrapped in `GuardedProvider`: every call to it is preceded by a
committed hand-over record, a ledger entry `handover:<notification id>` in the shared counters:

    record hand-over (commit) -> call the provider -> record the provider's reference

- `begin_hand_over` takes the row lock of the still-`created` notification (bumping updated_at) and increments
  the ledger in the same transaction; only the transaction that takes it from 0 to 1 may call the provider,
  any other rolls back and the delivery of that notification stops (`HandOverRefused`). A provider's definite
  refusal (ProviderError) gives the entry back, so failover to the next provider may take it again.
- A notification still `created` with a ledger entry may or may not be with the provider (the worker died
  during the call): it is never handed over again; the provider's receipt settles it, else `sweep_handovers`
  makes it a `temporary-failure` after `sending_timeout` (Notify's 72 hours), as Notify times out messages a
  provider never reported on. That window is why idempotent providers are better.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from attrs import evolve

from notify.domain.constants import NotificationStatus
from notify.domain.notification import Notification
from notify.ports.providers import ProviderError, ProviderReceipt

from .app import Notify
from .delivery import HandOverRefused

log = logging.getLogger("notify.handover")

LEDGER_KEEP = timedelta(days=8)  # longer than any sending timeout; the counters sweep deletes it after
DEFAULT_CLAIM_TIMEOUT = timedelta(minutes=5)
DEFAULT_SENDING_TIMEOUT = timedelta(hours=72)


def ledger_key(notification_id: UUID) -> str:
    return f"handover:{notification_id}"


def begin_hand_over(notify: Notify, notification_id: UUID, provider: str) -> bool:
    """Record that this worker is about to hand the notification to `provider`; False when it must not."""
    now = notify.clock.now()
    with notify.uow() as uow:
        current = uow.notifications.find(notification_id)
        if current is None or current.status is not NotificationStatus.CREATED:
            return False  # already handed over and recorded, or settled
        # The row lock: a concurrent hand-over or sweep waits for this transaction, or this one for it.
        if not uow.notifications.update_if_status(evolve(current, updated_at=_after(now, current)),
                                                  expected={NotificationStatus.CREATED}):
            return False
        if uow.counters.increment(ledger_key(notification_id), expires_at=now + LEDGER_KEEP) != 1:
            log.warning("%s is already with a provider: not handing it to %s", notification_id, provider)
            return False  # rolled back: the ledger keeps the one hand-over
        uow.commit()
    return True


def cancel_hand_over(notify: Notify, notification_id: UUID) -> None:
    """The provider refused outright (nothing was sent): give the ledger entry back for the next provider."""
    now = notify.clock.now()
    with notify.uow() as uow:
        uow.counters.increment(ledger_key(notification_id), expires_at=now + LEDGER_KEEP, amount=-1)
        uow.commit()


class GuardedProvider:
    """A provider adapter that records each hand-over before making it (see the module docstring)."""

    def __init__(self, inner: Any, notify: Notify) -> None:
        self._inner = inner
        self._notify = notify
        self.name: str = inner.name

    def __getattr__(self, attribute: str) -> Any:  # connect, sent, script...: the adapter's own
        return getattr(self._inner, attribute)

    def send_sms(self, **kwargs: Any) -> ProviderReceipt:
        return self._hand_over(kwargs["reference"], lambda: self._inner.send_sms(**kwargs))

    def send_email(self, **kwargs: Any) -> ProviderReceipt:
        return self._hand_over(kwargs["reference"], lambda: self._inner.send_email(**kwargs))

    def send_letter(self, **kwargs: Any) -> ProviderReceipt:
        return self._hand_over(kwargs["reference"], lambda: self._inner.send_letter(**kwargs))

    def _hand_over(self, notification_id: UUID, call: Any) -> ProviderReceipt:
        if not begin_hand_over(self._notify, notification_id, self.name):
            raise HandOverRefused(notification_id)
        try:
            receipt: ProviderReceipt = call()
        except ProviderError:
            cancel_hand_over(self._notify, notification_id)
            raise
        return receipt  # any other exception (a timeout...) leaves the hand-over recorded: it may have arrived


def sweep_handovers(notify: Notify, *, older_than: timedelta = DEFAULT_CLAIM_TIMEOUT,
                    sending_timeout: timedelta = DEFAULT_SENDING_TIMEOUT, limit: int = 1000) -> int:
    """Time out hand-overs to guarded providers that nobody recorded and no receipt settled: notifications still
    `created` with a ledger entry whose hand-over began more than `sending_timeout` ago become
    `temporary-failure`. Safe in any number of processes at once. Returns how many timed out."""
    now = notify.clock.now()
    with notify.uow() as uow:
        waiting = uow.notifications.list_by_status(NotificationStatus.CREATED, created_before=now - older_than,
                                                   limit=limit)
        expired = [n for n in waiting if (n.updated_at or n.created_at) < now - sending_timeout
                   and uow.counters.find(ledger_key(n.id))]
        timed_out = uow.notifications.set_statuses(
            [n.change(NotificationStatus.TEMPORARY_FAILURE) for n in expired], now=now)
        uow.commit()
    if timed_out:
        log.warning("%d hand-over(s) never answered by their provider: temporary-failure", len(timed_out))
    return len(timed_out)


def _after(now: datetime, notification: Notification) -> datetime:
    """`now`, or just after the stored updated_at should clocks disagree: every write moves it forward."""
    previous = notification.updated_at
    return now if previous is None or now > previous else previous + timedelta(microseconds=1)
