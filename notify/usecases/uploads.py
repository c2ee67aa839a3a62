"""What a team uploaded, as Notify's admin lists it: spreadsheets sent as jobs, and letters uploaded as PDFs
grouped by the day's print run they go in; and the letters of one print run. Only what is still within the
service's data retention is listed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from uuid import UUID

from attrs import evolve, frozen

from notify.domain import data_retention, statistics
from notify.domain.constants import JobStatus, NotificationStatus, NotificationType, TemplateType
from notify.domain.notification_filter import NotificationFilter
from notify.domain.print_day import print_day, print_run, print_window
from notify.domain.template import Template
from notify.ports.unit_of_work import UnitOfWork

from .admin_notifications import AdminNotificationPage, list_notifications
from .app import Notify

PAGE_SIZE = 50
UPLOADED_LETTERS = "Uploaded letters"
_LISTED = tuple(s for s in NotificationStatus if s is not NotificationStatus.CANCELLED)
_BATCH = 1000


@frozen
class Upload:
    id: UUID | None  # None for a day's uploaded letters
    original_file_name: str
    notification_count: int
    shown_at: datetime  # when it was (or is to be) sent: a job's schedule or creation, a print run's start
    sorted_at: datetime
    upload_type: str  # "job" or "letter_day"
    template_type: TemplateType
    statistics: Sequence[tuple[NotificationStatus, int]] = ()


@frozen
class UploadPage:
    uploads: list[Upload]
    total: int
    page_size: int


def list_uploads(notify: Notify, service_id: UUID, *, limit_days: int | None, page: int,
                 page_size: int = PAGE_SIZE) -> UploadPage:
    """Newest first: jobs (neither scheduled nor cancelled, nor sent from a contact list) and days of uploaded
    letters."""
    now = notify.clock.now()
    since = None if limit_days is None else statistics.last_days(now, limit_days + 1).start  # whole London days
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        retention = uow.data_retention.list_for_service(service_id)
        templates = {t.id: t for t in uow.templates.list_for_service(service_id, include_archived=True)}
        jobs = [j for j in uow.jobs.list_for_service(service_id)
                if j.job_status not in (JobStatus.SCHEDULED, JobStatus.CANCELLED) and j.contact_list_id is None
                and j.template_id in templates
                and (j.processing_started or j.created_at) >= now - timedelta(
                    days=data_retention.days_of_retention(retention, templates[j.template_id].template_type))
                and (since is None or j.created_at >= since)]
        counts = uow.notifications.counts_for_jobs([j.id for j in jobs])
        uploads = [Upload(j.id, j.original_file_name, j.notification_count, j.scheduled_for or j.created_at,
                          j.processing_started or j.created_at, "job", templates[j.template_id].template_type,
                          sorted(counts.get(j.id, {}).items())) for j in jobs]
        letters_since = now - timedelta(days=data_retention.days_of_retention(retention, NotificationType.LETTER))
        for day, count in sorted(_letters_by_print_day(uow, service_id, max(letters_since, since or letters_since),
                                                       [t.id for t in templates.values() if _is_precompiled(t)])
                                 .items()):
            run = print_run(day)
            uploads.append(Upload(None, UPLOADED_LETTERS, count, run, run, "letter_day", TemplateType.LETTER))
    uploads.sort(key=lambda u: (u.sorted_at, u.shown_at), reverse=True)
    start = (page - 1) * page_size
    return UploadPage(uploads[start:start + page_size], len(uploads), page_size)


def uploaded_letters(notify: Notify, service_id: UUID, day: date, *, page: int,
                     page_size: int = PAGE_SIZE) -> AdminNotificationPage:
    """The letters uploaded as PDFs that go in the day's print run, newest first."""
    with notify.read_uow() as uow:
        precompiled = [t.id for t in uow.templates.list_for_service(service_id, include_archived=True)
                       if _is_precompiled(t)]
    start, end = print_window(day)
    where = _uploaded_letters(precompiled[0] if precompiled else None, start)
    return list_notifications(notify, service_id, evolve(where, created_before=end), page=page,
                              page_size=page_size, count=True)


def _is_precompiled(template: Template) -> bool:
    return template.hidden and template.template_type is TemplateType.LETTER


def _uploaded_letters(template_id: UUID | None, since: datetime) -> NotificationFilter:
    # a service that never uploaded a letter has no precompiled template: match nothing
    return NotificationFilter(statuses=_LISTED if template_id is not None else (),
                              notification_types=(NotificationType.LETTER,), template_id=template_id,
                              without_api_key=True, created_since=since)


def _letters_by_print_day(uow: UnitOfWork, service_id: UUID, since: datetime,
                          template_ids: list[UUID]) -> Counter[date]:
    days: Counter[date] = Counter()
    for template_id in template_ids:
        where = _uploaded_letters(template_id, since)
        offset = 0
        while batch := uow.notifications.page_matching(service_id, where, offset=offset, limit=_BATCH):
            days.update(print_day(n.created_at) for n in batch)
            offset += len(batch)
    return days
