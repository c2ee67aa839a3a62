"""The persisted retry schedule, in memory: `(kind, notification id) -> ScheduledRetry`."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

from attrs import evolve

from notify.domain.retry import RetryKind, ScheduledRetry

from .base import MemoryRepository


class InMemoryRetryRepository(MemoryRepository[ScheduledRetry]):
    table_name = "scheduled_retries"

    def schedule(self, retries: Sequence[ScheduledRetry]) -> None:
        for retry in retries:
            self._session.put(self.table_name, (retry.kind, retry.notification_id), retry)

    def take_due(self, kind: RetryKind, *, due_before: datetime, limit: int = 500,
                 lease_until: datetime | None = None) -> Sequence[ScheduledRetry]:
        due = sorted((r for r in self._rows.values() if r.kind is kind and r.due_at <= due_before),
                     key=lambda r: (r.due_at, r.notification_id))[:limit]
        for retry in due:
            key = (retry.kind, retry.notification_id)
            if lease_until is None:
                self._session.delete(self.table_name, key)
            else:
                self._session.put(self.table_name, key, evolve(retry, due_at=lease_until))
        return due

    def take(self, entry: ScheduledRetry, *, lease_until: datetime) -> bool:
        key = (entry.kind, entry.notification_id)
        if self._rows.get(key) != entry:
            return False
        self._session.put(self.table_name, key, evolve(entry, due_at=lease_until))
        return True

    def remove(self, kind: RetryKind, notification_ids: Collection[UUID]) -> None:
        for notification_id in notification_ids:
            self._session.delete(self.table_name, (kind, notification_id))

    def scheduled(self, kind: RetryKind, notification_ids: Collection[UUID]) -> set[UUID]:
        return {i for i in notification_ids if (kind, i) in self._rows}
