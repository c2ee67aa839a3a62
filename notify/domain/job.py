"""Jobs: a bulk send from an uploaded spreadsheet."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import JobStatus


@frozen(kw_only=True)
class Job:
    id: UUID
    service_id: UUID
    template_id: UUID
    template_version: int
    original_file_name: str
    notification_count: int
    created_at: datetime
    created_by: UUID | None = None
    job_status: JobStatus = JobStatus.PENDING
    updated_at: datetime | None = None
    scheduled_for: datetime | None = None
    processing_started: datetime | None = None
    processing_finished: datetime | None = None
    notifications_sent: int = 0
    notifications_delivered: int = 0
    notifications_failed: int = 0
    archived: bool = False
    sender_id: UUID | None = None
    contact_list_id: UUID | None = None

    def changed(self, *, now: datetime, **changes: object) -> Job:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]
