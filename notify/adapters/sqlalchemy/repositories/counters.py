"""Counters: rate buckets, daily counts, retry attempts, the hand-over ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from notify.domain.limits import Increment

from .. import tables as t
from ..session import Session


class SqlAlchemyCounterRepository:
    """One row per key; increments are a single upsert, so the row lock serialises concurrent senders and a
    rolled-back transaction gives its increment back."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def increment(self, key: str, *, expires_at: datetime, amount: int = 1) -> int:
        return self._session.dialect.increment(self._session, Increment(key, expires_at, amount))

    def increment_many(self, increments: Sequence[Increment]) -> Sequence[int]:
        """Rows in key order (concurrent senders lock them in the same order); PostgreSQL: one statement."""
        return self._session.dialect.increment_many(self._session, increments)

    def find(self, key: str) -> int | None:
        c = t.counters
        value = self._session.execute(sa.select(c.c.value).where(c.c.key == key)).scalar_one_or_none()
        return None if value is None else int(value)

    def remove_expired(self, now: datetime) -> int:
        c = t.counters
        return int(self._session.execute(sa.delete(c).where(c.c.expires_at <= now)).rowcount)
