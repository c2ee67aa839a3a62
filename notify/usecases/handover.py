"""Exactly once to a provider, when workers can die at any instruction (issue #6, scale-out).

`deliver` claims a notification (created -> sending, a compare-and-set) before it calls a provider. A worker
killed after the claim leaves it `sending` with no provider reference; `sweep_claims` (run by every worker
and by `notify serve`'s in-process queue, any number at once) releases such claims once they are older than
`claim_timeout` (back to `created`, under the row lock) and re-enqueues them.

Sending one again is harmless when the provider is idempotent by our reference (ports.providers; the fakes
are): what the dead worker handed over is answered with the first receipt, what it did not is sent now.
Nothing is lost and nothing arrives twice.

A provider that is not idempotent is wrapped in `GuardedProvider`: every call to it is preceded by a
committed hand-over record, a ledger entry `handover:<notification id>` in the shared counters:

    claim (commit) -> record hand-over (commit) -> call the provider -> record the provider's reference

- `begin_hand_over` takes the row lock of the still-claimed notification (bumping updated_at) and increments
  the ledger in the same transaction; only the transaction that takes it from 0 to 1 may call the provider,
  any other rolls back and the delivery stops (`HandOverRefused`). A provider's definite refusal
  (ProviderError) gives the entry back, so failover to the next provider may take it again.
- A stale claim without a ledger entry reached no provider and is released as above. With one, the provider
  may or may not have the message (the worker died during the call): it is never sent again; the provider's
  receipt settles it, else after `sending_timeout` (Notify's 72 hours) it becomes `temporary-failure`, as
  Notify times out messages a provider never reported on. That window is why idempotent providers are better.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from attrs import evolve, frozen

from notify.domain.constants import NotificationStatus
from notify.domain.notification import Notification
from notify.ports.providers import ProviderError, ProviderReceipt

from .app import Notify
from .delivery import HandOverRefused

log = logging.getLogger("notify.handover")

CLAIMED = frozenset({NotificationStatus.SENDING, NotificationStatus.SENT})  # `sent`: international SMS claims
LEDGER_KEEP = timedelta(days=8)  # longer than any sending timeout; expired entries go with the counters'
DEFAULT_CLAIM_TIMEOUT = timedelta(minutes=5)
DEFAULT_SENDING_TIMEOUT = timedelta(hours=72)


def ledger_key(notification_id: UUID) -> str:
    return f"handover:{notification_id}"


def begin_hand_over(notify: Notify, notification_id: UUID, provider: str) -> bool:
    """Record that this worker is about to hand the notification to `provider`; False when it must not."""
    now = notify.clock.now()
    with notify.uow() as uow:
        current = uow.notifications.find(notification_id)
        if current is None or current.status not in CLAIMED:
            return False  # released by the sweep, or already settled
        # The row lock: a concurrent `sweep_claims` release waits for this transaction, or this one for it.
        if not uow.notifications.update_if_status(evolve(current, updated_at=_after(now, current)),
                                                  expected={current.status}):
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


@frozen
class SweepResult:
    released: int = 0  # claims given back to the queue
    timed_out: int = 0  # hand-overs the provider never answered, now temporary-failure


def sweep_claims(notify: Notify, *, claim_timeout: timedelta = DEFAULT_CLAIM_TIMEOUT,
                 sending_timeout: timedelta = DEFAULT_SENDING_TIMEOUT, limit: int = 1000) -> SweepResult:
    """Release claims nobody handed over (and re-enqueue them); time out hand-overs nobody heard back about.
    Safe in any number of processes at once."""
    now = notify.clock.now()
    with notify.uow() as uow:
        stale = uow.notifications.list_unsent(CLAIMED, updated_before=now - claim_timeout, limit=limit)
    released: list[UUID] = []
    timed_out = 0
    for notification in stale:
        outcome = _settle(notify, notification.id, now=now, claim_timeout=claim_timeout,
                          sending_timeout=sending_timeout)
        if outcome == "released":
            released.append(notification.id)
        elif outcome == "timed out":
            timed_out += 1
    if released and notify.queue is not None:
        notify.queue.enqueue_many(released)
    if released or timed_out:
        log.warning("claims swept: %d released for another try, %d timed out", len(released), timed_out)
    return SweepResult(released=len(released), timed_out=timed_out)


def _settle(notify: Notify, notification_id: UUID, *, now: datetime, claim_timeout: timedelta,
            sending_timeout: timedelta) -> str | None:
    with notify.uow() as uow:
        current = uow.notifications.find(notification_id)
        if current is None or current.status not in CLAIMED or current.reference is not None:
            return None
        changed = current.updated_at or current.created_at
        if changed >= now - claim_timeout:
            return None  # claimed again since the listing
        # Take the row lock first, then read the ledger: a hand-over committed before the lock is seen.
        released = current.unclaimed(now=_after(now, current))
        if not uow.notifications.update_if_status(released, expected={current.status}):
            return None
        if not uow.counters.find(ledger_key(notification_id)):
            uow.commit()
            return "released"
        if changed >= now - sending_timeout:
            return None  # rolled back: with a provider, waiting for its receipt
        if not uow.notifications.update_if_status(
                current.with_status(NotificationStatus.TEMPORARY_FAILURE, now=_after(now, current)),
                expected={NotificationStatus.CREATED}):
            return None
        uow.commit()
        return "timed out"


def _after(now: datetime, notification: Notification) -> datetime:
    """`now`, or just after the stored updated_at should clocks disagree: every write moves it forward."""
    previous = notification.updated_at
    return now if previous is None or now > previous else previous + timedelta(microseconds=1)
