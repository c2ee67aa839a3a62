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
- Delivery takes a whole batch's entries at once (`begin_hand_overs`, one transaction, instead of one per
  message), fails over between providers holding them, and gives back, together, those no provider took.
- A notification still `created` with a ledger entry may or may not be with the provider (the worker died
  during the call): it is never handed over again; the provider's receipt settles it, else `sweep_handovers`
  makes it a `temporary-failure` after `sending_timeout` (Notify's 72 hours), as Notify times out messages a
  provider never reported on. That window is why idempotent providers are better.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import timedelta
from typing import Any
from uuid import UUID

from notify.domain.constants import NotificationStatus
from notify.domain.limits import Increment
from notify.ports.providers import ProviderError, ProviderReceipt

from .app import Notify

log = logging.getLogger("notify.handover")

LEDGER_KEEP = timedelta(days=8)  # longer than any sending timeout; the counters sweep deletes it after
DEFAULT_CLAIM_TIMEOUT = timedelta(minutes=5)
DEFAULT_SENDING_TIMEOUT = timedelta(hours=72)


def ledger_key(notification_id: UUID) -> str:
    return f"handover:{notification_id}"


class HandOverRefused(BaseException):  # noqa: N818
    """This delivery must stop: the notification is no longer waiting, or another worker has already handed it
    to a provider that is not idempotent. A BaseException (like asyncio.CancelledError) so that a provider
    failover's `except Exception` cannot mistake it for a provider failure."""


def begin_hand_over(notify: Notify, notification_id: UUID, provider: str) -> bool:
    """Record that this worker is about to hand the notification to `provider`; False when it must not."""
    return notification_id in begin_hand_overs(notify, [notification_id])


def begin_hand_overs(notify: Notify, notification_ids: Collection[UUID]) -> set[UUID]:
    """Record, in one transaction, that this worker is about to hand these notifications over: the ids it may
    hand over (still `created`, nobody's entry before). Every hand-over locks the ledger's rows first (key
    order), then the notifications' (id order), so two batches sharing notifications never deadlock."""
    ids = sorted(set(notification_ids))
    if not ids:
        return set()
    now = notify.clock.now()
    expires = now + LEDGER_KEEP
    with notify.uow() as uow:
        counts = uow.counters.increment_many([Increment(ledger_key(i), expires, 1) for i in ids])
        first = [i for i, count in zip(ids, counts, strict=True) if count == 1]
        taken = set(uow.notifications.mark_handing_over(first, now=now))  # the row lock, as a sweep takes it
        refused = [i for i in ids if i not in taken]
        if refused:  # the entries stay as they were: another worker's, or none for what is no longer waiting
            uow.counters.increment_many([Increment(ledger_key(i), expires, -1) for i in refused])
        uow.commit()
    for notification_id, count in zip(ids, counts, strict=True):
        if count > 1:
            log.warning("%s is already with a provider: not handing it over again", notification_id)
    return taken


def cancel_hand_over(notify: Notify, notification_id: UUID) -> None:
    """The provider refused outright (nothing was sent): give the ledger entry back for the next provider."""
    cancel_hand_overs(notify, [notification_id])


def cancel_hand_overs(notify: Notify, notification_ids: Collection[UUID]) -> None:
    """No provider took these (nothing was sent): give their ledger entries back, for a later attempt."""
    ids = sorted(set(notification_ids))
    if not ids:
        return
    expires = notify.clock.now() + LEDGER_KEEP
    with notify.uow() as uow:
        uow.counters.increment_many([Increment(ledger_key(i), expires, -1) for i in ids])
        uow.commit()


class GuardedProvider:
    """A provider adapter that records each hand-over before making it (see the module docstring). Delivery,
    which records a batch's at once, calls the adapter itself (`inner`)."""

    guarded = True

    def __init__(self, inner: Any, notify: Notify) -> None:
        self._inner = inner
        self._notify = notify
        self.name: str = inner.name

    @property
    def inner(self) -> Any:
        return self._inner

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
