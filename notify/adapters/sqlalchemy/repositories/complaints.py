"""Complaints: one row per provider feedback id (a unique index), newest first per service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from notify.domain.complaint import Complaint

from .. import rows as R
from .. import tables as t
from .base import SqlRepository


class SqlAlchemyComplaintRepository(SqlRepository[Complaint]):
    table, map = t.complaints, R.COMPLAINT
    what = "complaint"

    def add(self, complaint: Complaint) -> None:
        self._insert(complaint)

    def find_by_feedback_id(self, ses_feedback_id: str) -> Complaint | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.ses_feedback_id == ses_feedback_id))

    def list_for_service(self, service_id: UUID, *, limit: int | None = None) -> Sequence[Complaint]:
        c = self.table
        statement = sa.select(c).where(c.c.service_id == service_id).order_by(c.c.created_at.desc(), c.c.id.desc())
        if limit is not None:
            statement = statement.limit(max(limit, 0))
        return self._all(statement)

    def page(self, *, page: int, page_size: int) -> tuple[Sequence[Complaint], int]:
        c = self.table
        statement = sa.select(c).order_by(c.c.created_at.desc(), c.c.id.desc()) \
            .offset((max(page, 1) - 1) * page_size).limit(page_size)
        total = int(self._exec(sa.select(sa.func.count()).select_from(c)).scalar_one())
        return self._all(statement), total

    def count_between(self, start: datetime, end: datetime) -> int:
        c = self.table
        return int(self._exec(sa.select(sa.func.count()).select_from(c)
                              .where(c.c.created_at >= start, c.c.created_at < end)).scalar_one())

    def count_for_service(self, service_id: UUID, *, created_after: datetime | None = None) -> int:
        c = self.table
        conditions = [c.c.service_id == service_id]
        if created_after is not None:
            conditions.append(c.c.created_at >= created_after)
        return int(self._exec(sa.select(sa.func.count()).select_from(c).where(*conditions)).scalar_one())
