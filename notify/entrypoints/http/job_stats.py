"""Admin API: /service/{id}/job/scheduled-job-stats."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import falcon
from attrs import define

from notify.usecases.app import Notify
from notify.usecases.job_stats import scheduled_job_stats

from .operation import operation


@define(kw_only=True)
class ScheduledJobStatsOut:
    count: int
    soonest_scheduled_for: datetime | None


class ScheduledJobStatsResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(response=ScheduledJobStatsOut)
    def on_get(self, req: falcon.Request, service_id: UUID) -> ScheduledJobStatsOut:
        """How many of the service's jobs are scheduled, and when the soonest starts (null when none)."""
        stats = scheduled_job_stats(self._notify, service_id)
        return ScheduledJobStatsOut(count=stats.count, soonest_scheduled_for=stats.soonest_scheduled_for)
