"""Jobs (bulk sends from a spreadsheet)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.constants import JobStatus
from notify.domain.job import Job

from .. import rows as R
from .. import tables as t
from ..rows import as_text
from .base import SqlRepository


class SqlAlchemyJobRepository(SqlRepository[Job]):
    table, map = t.jobs, R.JOB
    not_found = errors.JobNotFound
    what = "job"

    def add(self, job: Job) -> None:
        self._insert(job)

    def update(self, job: Job) -> None:
        self._update_unguarded(job.id, job)

    def get(self, service_id: UUID, job_id: UUID) -> Job:
        return self._get_by_id(job_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[Job]:
        j = self.table
        return self._all(sa.select(j).where(j.c.service_id == service_id)
                         .order_by(j.c.created_at.desc(), j.c.id.desc()))

    def find(self, job_id: UUID) -> Job | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == job_id))

    def update_if_unchanged(self, job: Job, *, previous: Job) -> bool:
        j = self.table
        same_update = j.c.updated_at.is_(None) if previous.updated_at is None else j.c.updated_at == previous.updated_at
        result = self._exec(sa.update(j).where(j.c.id == job.id, j.c.job_status == as_text(previous.job_status),
                                               same_update).values(self._row(job)))
        return result.rowcount == 1

    def list_by_status(self, statuses: Collection[JobStatus], *, scheduled_before: datetime | None = None,
                       updated_before: datetime | None = None, limit: int = 100) -> Sequence[Job]:
        if not statuses:
            return []
        j = self.table
        statement = sa.select(j).where(j.c.job_status.in_(sorted(as_text(s) for s in statuses)))
        if scheduled_before is not None:
            statement = statement.where(j.c.scheduled_for <= scheduled_before)
        if updated_before is not None:
            statement = statement.where(sa.func.coalesce(j.c.updated_at, j.c.created_at) < updated_before)
        return self._all(statement.order_by(sa.func.coalesce(j.c.scheduled_for, j.c.created_at), j.c.created_at,
                                            j.c.id).limit(limit))
