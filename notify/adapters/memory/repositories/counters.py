"""Counters: per-minute rate keys, retry attempts, the hand-over ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..session import InMemorySession
from .base import MemoryRepository

TABLE = "counters"


def increment(session: InMemorySession, key: str, *, expires_at: datetime, amount: int = 1) -> int:
    """`key -> (value, expires_at)`; the unit of work holds the store lock, so increments are atomic."""
    value, _ = session.table(TABLE).get(key, (0, expires_at))
    session.put(TABLE, key, (value + amount, expires_at))
    return int(value + amount)


def increment_many(session: InMemorySession, increments: Sequence[tuple[str, datetime, int]]) -> Sequence[int]:
    if len({key for key, _, _ in increments}) != len(increments):
        raise ValueError("increment_many: keys must be distinct")
    return [increment(session, key, expires_at=expires_at, amount=amount) for key, expires_at, amount in increments]


class InMemoryCounterRepository(MemoryRepository[tuple[int, datetime]]):
    table_name = TABLE

    def increment(self, key: str, *, expires_at: datetime, amount: int = 1) -> int:
        return increment(self._session, key, expires_at=expires_at, amount=amount)

    def increment_many(self, increments: Sequence[tuple[str, datetime, int]]) -> Sequence[int]:
        return increment_many(self._session, increments)

    def find(self, key: str) -> int | None:
        row = self._rows.get(key)
        return None if row is None else int(row[0])

    def remove_expired(self, now: datetime) -> int:
        expired = [key for key, (_, expires_at) in self._rows.items() if expires_at <= now]
        for key in expired:
            self._session.delete(self.table_name, key)
        return len(expired)
