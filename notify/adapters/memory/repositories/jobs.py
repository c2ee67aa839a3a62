"""Jobs (bulk sends from a spreadsheet)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

from notify.domain import errors
from notify.domain.constants import JobStatus
from notify.domain.job import Job

from .base import MemoryRepository


class InMemoryJobRepository(MemoryRepository[Job]):
    table_name = "jobs"
    not_found = errors.JobNotFound

    def add(self, job: Job) -> None:
        self._insert(job.id, job, what="job")

    def update(self, job: Job) -> None:
        self._replace(job.id, job)

    def get(self, service_id: UUID, job_id: UUID) -> Job:
        job = self._get(job_id)
        if job.service_id != service_id:
            raise self.not_found()
        return job

    def list_for_service(self, service_id: UUID) -> Sequence[Job]:
        return sorted((j for j in self._rows.values() if j.service_id == service_id),
                      key=lambda j: (j.created_at, j.id), reverse=True)

    def find(self, job_id: UUID) -> Job | None:
        return self._rows.get(job_id)

    def update_if_unchanged(self, job: Job, *, previous: Job) -> bool:
        current = self._rows.get(job.id)
        if current is None or current.job_status != previous.job_status or current.updated_at != previous.updated_at:
            return False
        self._session.put(self.table_name, job.id, job)
        return True

    def list_by_status(self, statuses: Collection[JobStatus], *, scheduled_before: datetime | None = None,
                       updated_before: datetime | None = None, limit: int = 100) -> Sequence[Job]:
        rows = [j for j in self._rows.values() if j.job_status in statuses
                and (scheduled_before is None or (j.scheduled_for is not None and j.scheduled_for <= scheduled_before))
                and (updated_before is None or (j.updated_at or j.created_at) < updated_before)]
        rows.sort(key=lambda j: (j.scheduled_for or j.created_at, j.created_at, j.id))
        return rows[:limit]
