"""The persisted retry schedule (domain.retry): one entry per kind and notification.

Taking an entry is a compare-and-set, so any number of processes may sweep at once and each entry is taken
by one of them: `take_due` hands out what is due and either removes it (the retry is then the taker's to
make, the notification's own status being the durable truth) or leases it (moves it `lease` into the future,
so that if the taker dies the entry is due again then)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

from notify.domain.retry import RetryKind, ScheduledRetry


class RetryRepository(Protocol):
    def schedule(self, retries: Sequence[ScheduledRetry]) -> None:
        """Insert each, replacing an entry of the same kind and notification."""
        ...

    def take_due(self, kind: RetryKind, *, due_before: datetime, limit: int = 500,
                 lease_until: datetime | None = None) -> Sequence[ScheduledRetry]:
        """Entries of `kind` due at or before `due_before`, earliest first, at most `limit`; taken: removed, or
        with `lease_until` moved to it. Returned as they were before being taken. Entries another transaction
        is taking are skipped, not waited for."""
        ...

    def take(self, entry: ScheduledRetry, *, lease_until: datetime) -> bool:
        """Take this one entry if it is still as scheduled (same attempt and due time): lease it until
        `lease_until`. False when it is gone or someone else took it."""
        ...

    def remove(self, kind: RetryKind, notification_ids: Collection[UUID]) -> None: ...

    def scheduled(self, kind: RetryKind, notification_ids: Collection[UUID]) -> set[UUID]:
        """Which of these notifications have an entry of `kind`."""
        ...
