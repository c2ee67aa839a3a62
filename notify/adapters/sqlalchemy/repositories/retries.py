"""The persisted retry schedule: one row per kind and notification; taking is SELECT … FOR UPDATE SKIP LOCKED
(PostgreSQL; SQLite serialises writers anyway) followed by a delete or a lease, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain.retry import RetryKind, ScheduledRetry

from .. import tables as t
from ..session import Session

WHAT = "scheduled retry"


class SqlAlchemyRetryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def schedule(self, retries: Sequence[ScheduledRetry]) -> None:
        if not retries:
            return
        r = t.scheduled_retries
        insert = self._session.dialect.insert(r)
        statement = insert.on_conflict_do_update(index_elements=[r.c.kind, r.c.notification_id],
                                                 set_={"attempt": insert.excluded.attempt,
                                                       "due_at": insert.excluded.due_at})
        latest = {(retry.kind, retry.notification_id): retry for retry in retries}  # one row per key a statement
        self._session.execute(statement, [_row(retry) for retry in latest.values()], what=WHAT)

    def take_due(self, kind: RetryKind, *, due_before: datetime, limit: int = 500,
                 lease_until: datetime | None = None) -> Sequence[ScheduledRetry]:
        r = t.scheduled_retries
        due = [_retry(row) for row in self._session.execute(
            sa.select(r).where(r.c.kind == kind.value, r.c.due_at <= due_before)
            .order_by(r.c.due_at, r.c.notification_id).limit(limit).with_for_update(skip_locked=True), what=WHAT)]
        if due:
            keys = r.c.notification_id.in_([retry.notification_id for retry in due])
            where = sa.and_(r.c.kind == kind.value, keys)
            self._session.execute(sa.delete(r).where(where) if lease_until is None
                                  else sa.update(r).where(where).values(due_at=lease_until), what=WHAT)
        return due

    def take(self, entry: ScheduledRetry, *, lease_until: datetime) -> bool:
        r = t.scheduled_retries
        result = self._session.execute(
            sa.update(r).where(r.c.kind == entry.kind.value, r.c.notification_id == entry.notification_id,
                               r.c.attempt == entry.attempt, r.c.due_at == entry.due_at)
            .values(due_at=lease_until), what=WHAT)
        return bool(result.rowcount == 1)

    def remove(self, kind: RetryKind, notification_ids: Collection[UUID]) -> None:
        if notification_ids:
            r = t.scheduled_retries
            self._session.execute(sa.delete(r).where(r.c.kind == kind.value,
                                                     r.c.notification_id.in_(list(notification_ids))), what=WHAT)

    def scheduled(self, kind: RetryKind, notification_ids: Collection[UUID]) -> set[UUID]:
        if not notification_ids:
            return set()
        r = t.scheduled_retries
        return set(self._session.execute(
            sa.select(r.c.notification_id).where(r.c.kind == kind.value,
                                                 r.c.notification_id.in_(list(notification_ids))),
            what=WHAT).scalars())


def _row(retry: ScheduledRetry) -> dict[str, Any]:
    return {"kind": retry.kind.value, "notification_id": retry.notification_id, "attempt": retry.attempt,
            "due_at": retry.due_at}


def _retry(row: Any) -> ScheduledRetry:
    return ScheduledRetry(kind=RetryKind(row.kind), notification_id=row.notification_id, attempt=row.attempt,
                          due_at=row.due_at)
