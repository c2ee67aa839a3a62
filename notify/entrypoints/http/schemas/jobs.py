"""Jobs: a spreadsheet upload, the job made from it, the list's query, and how a job is shown."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.constants import JobStatus, NotificationStatus, TemplateType
from notify.domain.errors import ValidationFailed
from notify.usecases.jobs import JobView, UploadedFile

from .fields import INT_MAX, MAX_DAYS, optional, required


@define(kw_only=True)
class UploadSpreadsheet:
    template_id: UUID = required()
    original_file_name: str = required(max_length=255, not_blank=True)
    csv: str = required()


@define(kw_only=True)
class CreateJob:
    id: UUID = required()
    created_by: UUID | None = optional()
    scheduled_for: datetime | None = optional()


@define(kw_only=True)
class JobsQuery:
    page: int = optional(default=1, minimum=1, maximum=INT_MAX)
    limit_days: int | None = optional(minimum=0, maximum=MAX_DAYS)
    statuses: str = optional()  # comma-separated job statuses

    def job_statuses(self) -> list[JobStatus] | None:
        if not self.statuses:
            return None
        try:
            return [JobStatus(s.strip()) for s in self.statuses.split(",") if s.strip()]
        except ValueError:
            raise ValidationFailed({"statuses": ["Not a valid job status."]}) from None


@define(kw_only=True)
class UploadOut:
    id: UUID
    template_id: UUID
    original_file_name: str
    notification_count: int
    valid: bool

    @classmethod
    def of(cls, upload: UploadedFile) -> UploadOut:
        return cls(id=upload.id, template_id=upload.template_id, original_file_name=upload.original_file_name,
                   notification_count=upload.notification_count, valid=True)


@define(kw_only=True)
class ServiceName:
    name: str


@define(kw_only=True)
class Creator:
    id: UUID
    name: str


@define(kw_only=True)
class StatusCount:
    status: NotificationStatus
    count: int


@define(kw_only=True)
class JobOut:
    id: UUID
    original_file_name: str
    notification_count: int
    template: UUID
    template_version: int
    template_name: str
    template_type: TemplateType
    service: UUID
    service_name: ServiceName
    created_at: datetime
    updated_at: datetime | None
    created_by: Creator | None
    job_status: JobStatus
    scheduled_for: datetime | None
    processing_started: datetime | None
    processing_finished: datetime | None
    notifications_sent: int
    notifications_delivered: int
    notifications_failed: int
    archived: bool
    contact_list_id: UUID | None
    sender_id: UUID | None
    statistics: list[StatusCount] | None = optional(omit_if_none=True)

    @classmethod
    def of(cls, view: JobView, statistics: list[StatusCount] | None = None) -> JobOut:
        job = view.job
        return cls(
            id=job.id, original_file_name=job.original_file_name, notification_count=job.notification_count,
            template=job.template_id, template_version=job.template_version, template_name=view.template.name,
            template_type=view.template.template_type, service=job.service_id,
            service_name=ServiceName(name=view.service_name), created_at=job.created_at,
            updated_at=job.updated_at,
            created_by=Creator(id=view.created_by.id, name=view.created_by.name) if view.created_by else None,
            job_status=job.job_status, scheduled_for=job.scheduled_for, processing_started=job.processing_started,
            processing_finished=job.processing_finished, notifications_sent=view.notifications_sent,
            notifications_delivered=view.notifications_delivered, notifications_failed=view.notifications_failed,
            archived=job.archived, contact_list_id=job.contact_list_id, sender_id=job.sender_id,
            statistics=statistics)

    @classmethod
    def with_statistics(cls, view: JobView) -> JobOut:
        return cls.of(view, [StatusCount(status=status, count=count) for status, count in view.statistics])


@define(kw_only=True)
class PageLinks:
    prev: str | None = optional(omit_if_none=True)
    next: str | None = optional(omit_if_none=True)
    last: str | None = optional(omit_if_none=True)

    @classmethod
    def numbered(cls, base: str, page: int, page_size: int, total: int) -> PageLinks:
        """Notify's links for numbered pages: previous, next and last where there are such pages."""
        more = page * page_size < total
        return cls(prev=f"{base}?page={page - 1}" if page > 1 else None,
                   next=f"{base}?page={page + 1}" if more else None,
                   last=f"{base}?page={-(-total // page_size)}" if more else None)


@define(kw_only=True)
class JobList:
    data: list[JobOut]
    page_size: int
    total: int
    links: PageLinks


@define(kw_only=True)
class NotificationCount:
    count: int
