"""Counters: rate buckets, daily counts, retry attempts, the hand-over ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from notify.domain.limits import Increment

from ..session import InMemorySession
from .base import MemoryRepository

TABLE = "counters"


def increment(session: InMemorySession, key: str, *, expires_at: datetime, amount: int = 1, floor: int = 0) -> int:
    """`key -> (value, expires_at)`; the unit of work holds the store lock, so increments are atomic."""
    value = value_after(session, Increment(key, expires_at, amount, floor))
    session.put(TABLE, key, (value, expires_at))
    return value


def value_after(session: InMemorySession, increment: Increment) -> int:
    """What the counter would be after `increment`, changing nothing."""
    value, _ = session.table(TABLE).get(increment.key, (0, increment.expires_at))
    return int(max(value, increment.floor) + increment.amount)


def increment_many(session: InMemorySession, increments: Sequence[Increment]) -> Sequence[int]:
    if len({i.key for i in increments}) != len(increments):
        raise ValueError("increment_many: keys must be distinct")
    return [increment(session, i.key, expires_at=i.expires_at, amount=i.amount, floor=i.floor) for i in increments]


class InMemoryCounterRepository(MemoryRepository[tuple[int, datetime]]):
    table_name = TABLE

    def increment(self, key: str, *, expires_at: datetime, amount: int = 1) -> int:
        return increment(self._session, key, expires_at=expires_at, amount=amount)

    def increment_many(self, increments: Sequence[Increment]) -> Sequence[int]:
        return increment_many(self._session, increments)

    def find(self, key: str) -> int | None:
        row = self._rows.get(key)
        return None if row is None else int(row[0])

    def remove_expired(self, now: datetime) -> int:
        expired = [key for key, (_, expires_at) in self._rows.items() if expires_at <= now]
        for key in expired:
            self._session.delete(self.table_name, key)
        return len(expired)
