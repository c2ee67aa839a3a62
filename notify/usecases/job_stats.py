"""A service's scheduled jobs at a glance: how many are waiting, and when the soonest starts."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import frozen

from notify.domain.constants import JobStatus

from .app import Notify


@frozen
class ScheduledJobStats:
    count: int
    soonest_scheduled_for: datetime | None


def scheduled_job_stats(notify: Notify, service_id: UUID) -> ScheduledJobStats:
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        waiting = [job.scheduled_for for job in uow.jobs.list_for_service(service_id)
                   if job.job_status is JobStatus.SCHEDULED and job.scheduled_for is not None]
    return ScheduledJobStats(len(waiting), min(waiting, default=None))
