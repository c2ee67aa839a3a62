"""Bulk sending from a spreadsheet, as Notify's jobs.

1. `upload_spreadsheet` checks the whole file against the template and the service's rules and stores it in the
   upload store with Notify's metadata (template_id, original_file_name, notification_count, valid). A bad file
   is refused with every row-level problem (InvalidFile) and nothing is stored.
2. `create_job` (POST /service/{id}/job, the upload's id as the job's id): `scheduled` or `pending`; a pending
   job goes to the job queue at once.
3. `process_job`: claims the job (compare-and-set pending -> in progress, counting the whole file against the
   daily limit in the same transaction), then creates its notifications in batches (`add_many`), each batch
   in one transaction that also heartbeats the job, and hands every id to the delivery queue. A job whose
   processor died (no heartbeat for `STALLED_AFTER`) is claimed again and resumes after its last stored row.
4. `tick` (the scheduler, every few seconds in some process): releases due scheduled jobs and returns the
   jobs that need a processor (pending, or stalled in progress).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from attrs import evolve, frozen

from notify.domain import message as messages
from notify.domain import sending
from notify.domain.constants import (
    DELIVERED_STATUSES,
    EMAIL_BYTES_LIMIT,
    FAILURE_STATUSES,
    JobStatus,
    KeyType,
    NotificationStatus,
    NotificationType,
)
from notify.domain.errors import (
    Forbidden,
    InvalidRequest,
    NotFound,
    TemplateNotFound,
    ValidationFailed,
)
from notify.domain.limits import daily_limit
from notify.domain.job import (
    MAX_ROWS,
    REFERENCE_COLUMN,
    InvalidFile,
    Job,
    RowError,
    Spreadsheet,
    column_key,
    merged_counts,
    recipient_columns,
)
from notify.domain.letter_cancellation import letter_job_refusal
from notify.domain.notification import Notification
from notify.domain.notification_filter import NotificationFilter
from notify.domain.placeholders import key as placeholder_key
from notify.domain.service import Service
from notify.domain.template import Template
from notify.domain.user import User

from .app import Notify
from .trial_mode import allowed_recipients

log = logging.getLogger("notify.jobs")

BATCH_SIZE = 2000  # rows per transaction while processing
SHARED_BATCH_SIZE = 500  # beside requests (Notify.fair_share): a batch's COPY cannot stop for one in flight
MAKE_WAY_EVERY = 100  # rows made between the processor's pauses for requests in flight (Notify.make_way)
STALLED_AFTER = timedelta(minutes=2)  # an `in progress` job without a heartbeat for this long is resumed
MAX_SCHEDULE_AHEAD = timedelta(days=7)
PAGE_SIZE = 50
MAX_ERRORS = 1000  # row errors reported for one file
SMS_SAFE_LENGTH = 450  # template + cells shorter than this cannot exceed 918 characters, even counted double


# -- uploading -----------------------------------------------------------------------------------------------

@frozen
class UploadedFile:
    id: UUID
    service_id: UUID
    template_id: UUID
    original_file_name: str
    notification_count: int


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidFile([RowError(None, None, "The file must be a CSV file in UTF-8")]) from None


def _template_for_job(uow: Any, service: Service, template_id: UUID) -> Template:
    try:
        template = uow.templates.get(service.id, template_id)
    except TemplateNotFound:
        template = None
    return sending.check_job_template(service, template)


def upload_spreadsheet(notify: Notify, service_id: UUID, *, template_id: UUID, original_file_name: str,
                       data: bytes | str) -> UploadedFile:
    """Check the file and keep it for a job. Raises InvalidFile listing every problem; stores nothing then."""
    if notify.uploads is None:
        raise InvalidRequest("Uploads are not configured")
    text = _decode(data)
    sheet = Spreadsheet.parse(text)
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        template = _template_for_job(uow, service, template_id)
        errors = spreadsheet_errors(uow, service, template, sheet, now=notify.clock.now())
    if errors:
        raise InvalidFile(errors[:MAX_ERRORS])
    upload = UploadedFile(notify.ids.new(), service_id, template.id, original_file_name, len(sheet.rows))
    notify.uploads.put(service_id, upload.id, text.encode("utf-8"), {
        "template_id": str(template.id), "original_file_name": original_file_name,
        "notification_count": str(upload.notification_count), "valid": "True"})
    return upload


def spreadsheet_errors(uow: Any, service: Service, template: Template, sheet: Spreadsheet, *,
                       now: datetime) -> list[RowError]:
    """Every problem of the file for this template and service, in row order; [] when it can be sent."""
    kind = template.template_type
    if not sheet.columns:
        return [RowError(None, None, "The file is empty")]
    errors: list[RowError] = []
    recipients = recipient_columns(kind)
    if kind is NotificationType.LETTER:
        required = ["address line 1", "address line 2"]
        if sheet.column("postcode") is None and sheet.column("address line 7") is None:
            required.append("postcode")
    else:
        required = list(recipients)
    recipient_keys = {column_key(c) for c in recipients}
    required += [name for name in messages.placeholder_names(template)
                 if placeholder_key(name) not in recipient_keys]
    for name in required:
        if sheet.column(name) is None:
            errors.append(RowError(1, name, "Missing column"))
    if not sheet.rows:
        errors.append(RowError(None, None, "The file has no rows of recipients"))
    elif len(sheet.rows) > MAX_ROWS:
        errors.append(RowError(None, None, f"The file has {len(sheet.rows)} rows: at most {MAX_ROWS} are allowed"))
    if errors:
        return errors
    placeholder_columns = [(name, sheet.column(name)) for name in messages.placeholder_names(template)]
    recipient_column = sheet.column(recipients[0]) or recipients[0]
    allowed = allowed_recipients(uow, service.id) if service.restricted else None
    prefix = service.sms_prefix
    for index, row in enumerate(sheet.rows):
        line = index + 2
        for name, column in placeholder_columns:
            if column is not None and not row.get(column, "").strip():
                errors.append(RowError(line, column, "Missing data"))
        try:
            checked = sending.check_recipient(service, template, row.get(recipient_column), row)
        except ValidationFailed as exc:
            errors.append(RowError(line, recipient_column, next(iter(exc.errors.values()), [exc.message])[0]))
            continue
        except InvalidRequest as exc:
            errors.append(RowError(line, recipient_column, exc.message))
            continue
        if allowed is not None:
            try:
                sending.check_allowed(KeyType.NORMAL, checked.normalised_to, allowed)
            except InvalidRequest as exc:
                errors.append(RowError(line, recipient_column, exc.message))
        if _might_be_too_long(template, row):
            try:
                messages.render(template, row, sms_prefix=prefix)
            except InvalidRequest as exc:
                errors.append(RowError(line, None, exc.message))
        if len(errors) >= MAX_ERRORS:
            return errors
    daily = daily_limit(service, kind.value, now)
    left = daily.limit - (uow.counters.find(daily.key) or 0)
    if not errors and len(sheet.rows) > left:
        errors.append(RowError(None, None, f"You can only send {max(0, left)} more "
                                           f"{sending.CHANNEL_NAMES[kind]} today: the file has {len(sheet.rows)} rows"))
    return errors


def _might_be_too_long(template: Template, row: Mapping[str, str]) -> bool:
    size = len(template.content) + len(template.subject or "") + sum(len(v) for v in row.values())
    if template.template_type is NotificationType.SMS:
        return size > SMS_SAFE_LENGTH
    return size * 4 > EMAIL_BYTES_LIMIT


# -- jobs over HTTP ------------------------------------------------------------------------------------------

@frozen
class JobView:
    """A job with what its JSON shows: its template, creator and service, and notification counts."""

    job: Job
    template: Template
    service_name: str
    created_by: User | None
    counts: Mapping[NotificationStatus, int]

    @property
    def statistics(self) -> list[tuple[NotificationStatus, int]]:
        return sorted(self.counts.items())

    @property
    def notifications_sent(self) -> int:
        return sum(n for s, n in self.counts.items() if s is not NotificationStatus.CREATED)

    @property
    def notifications_delivered(self) -> int:
        return sum(n for s, n in self.counts.items() if s in DELIVERED_STATUSES)

    @property
    def notifications_failed(self) -> int:
        return sum(n for s, n in self.counts.items() if s in FAILURE_STATUSES)


@frozen
class JobPage:
    jobs: list[JobView]
    total: int
    page: int
    page_size: int


def create_job(notify: Notify, service_id: UUID, *, job_id: UUID, created_by: UUID | None,
               scheduled_for: datetime | None = None) -> JobView:
    """Notify's POST /service/{id}/job: the upload `job_id` becomes a job."""
    if notify.uploads is None:
        raise InvalidRequest("Uploads are not configured")
    now = notify.clock.now()
    if scheduled_for is not None:
        if scheduled_for.tzinfo is None:
            scheduled_for = scheduled_for.replace(tzinfo=now.tzinfo)
        if scheduled_for < now:
            raise ValidationFailed({"scheduled_for": ["Date cannot be in the past"]})
        if scheduled_for > now + MAX_SCHEDULE_AHEAD:
            raise ValidationFailed({"scheduled_for": ["Date cannot be more than 7 days in the future"]})
    metadata = notify.uploads.get(service_id, job_id).metadata
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        if not service.active:
            raise Forbidden("Create job is not allowed: service is inactive ")
        template = _template_for_job(uow, service, UUID(metadata["template_id"]))
        if metadata.get("valid") != "True":
            raise InvalidRequest("File is not valid, can't create job")
        job = Job(id=job_id, service_id=service_id, template_id=template.id, template_version=template.version,
                  original_file_name=metadata.get("original_file_name", ""),
                  notification_count=int(metadata.get("notification_count", "0")), created_at=now,
                  created_by=created_by, scheduled_for=scheduled_for,
                  job_status=JobStatus.SCHEDULED if scheduled_for else JobStatus.PENDING,
                  sender_id=UUID(metadata["sender_id"]) if metadata.get("sender_id") else None)
        uow.jobs.add(job)
        creator = _user(uow, created_by)
        uow.commit()
    if job.job_status is JobStatus.PENDING and notify.job_queue is not None:
        notify.job_queue.enqueue_job(job.id)
    return JobView(job, template, service.name, creator, {})


def _user(uow: Any, user_id: UUID | None) -> User | None:
    if user_id is None:
        return None
    found = uow.users.list([user_id])
    return found[0] if found else None


def _views(uow: Any, service: Service, jobs: Sequence[Job]) -> list[JobView]:
    ids = [j.id for j in jobs]
    counts = merged_counts(uow.notifications.counts_for_jobs(ids), uow.notification_history.counts_for_jobs(ids))
    templates: dict[tuple[UUID, int], Template] = {}
    users: dict[UUID | None, User | None] = {}
    views = []
    for job in jobs:
        key = (job.template_id, job.template_version)
        if key not in templates:
            templates[key] = uow.templates.get_version(service.id, *key)
        if job.created_by not in users:
            users[job.created_by] = _user(uow, job.created_by)
        views.append(JobView(job, templates[key], service.name, users[job.created_by], counts.get(job.id, {})))
    return views


def get_job(notify: Notify, service_id: UUID, job_id: UUID) -> JobView:
    with notify.read_uow() as uow:
        service = uow.services.get(service_id)
        return _views(uow, service, [uow.jobs.get(service_id, job_id)])[0]


def list_jobs(notify: Notify, service_id: UUID, *, statuses: Sequence[JobStatus] | None = None,
              limit_days: int | None = None, page: int = 1, page_size: int = PAGE_SIZE) -> JobPage:
    """Newest first (scheduled jobs by their date), Notify's paging."""
    now = notify.clock.now()
    with notify.read_uow() as uow:
        service = uow.services.get(service_id)
        jobs = [j for j in uow.jobs.list_for_service(service_id)
                if (not statuses or j.job_status in statuses)
                and (limit_days is None or (j.scheduled_for or j.created_at) >= now - timedelta(days=limit_days))]
        jobs.sort(key=lambda j: (j.job_status is JobStatus.SCHEDULED, j.scheduled_for or j.created_at), reverse=True)
        start = (page - 1) * page_size
        return JobPage(_views(uow, service, jobs[start:start + page_size]), len(jobs), page, page_size)


def cancel_job(notify: Notify, service_id: UUID, job_id: UUID) -> JobView:
    """Only a scheduled job can be cancelled; anything else is not found (as Notify)."""
    now = notify.clock.now()
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        job = uow.jobs.get(service_id, job_id)
        if job.job_status is not JobStatus.SCHEDULED:
            raise NotFound()
        cancelled = job.cancel(now=now)
        if not uow.jobs.update_if_unchanged(cancelled, previous=job):
            raise NotFound()
        uow.commit()
        return _views(uow, service, [cancelled])[0]


def cancel_letter_job(notify: Notify, service_id: UUID, job_id: UUID) -> int:
    """Cancel every letter of a spreadsheet not yet printed, and the job; InvalidRequest in Notify's words when
    any letter has gone on, the job is still making them, or it is not a letter job. Returns how many letters.
    Each letter is cancelled by compare-and-set: one the print run took meanwhile refuses the whole cancel."""
    now = notify.clock.now()
    with notify.uow() as uow:
        job = uow.jobs.get(service_id, job_id)
        template = uow.templates.get(service_id, job.template_id)
        letters = uow.notifications.page_matching(
            service_id, NotificationFilter(job_id=job.id, include_test_key=True), offset=0,
            limit=MAX_ROWS)
        refusal = letter_job_refusal(job, template.template_type, (n.status for n in letters), now=now)
        if refusal:
            raise InvalidRequest(refusal)
        for letter in letters:
            cancelled = evolve(letter, status=NotificationStatus.CANCELLED, billable_units=0, updated_at=now)
            if not uow.notifications.update_if_status(cancelled, expected={letter.status}):
                raise InvalidRequest("It’s too late to cancel sending, these letters have already been sent.")
        if not uow.jobs.update_if_unchanged(job.changed(now=now, job_status=JobStatus.CANCELLED), previous=job):
            raise InvalidRequest("We are still processing these letters, please try again in 5 minutes.")
        counted_on = job.processing_started or job.created_at
        if letters and counted_on.date() == now.date():  # today's letters no longer count against today's limit
            daily = daily_limit(uow.services.get(service_id), NotificationType.LETTER.value, counted_on)
            uow.counters.increment(daily.key, expires_at=daily.expires_at, amount=-len(letters))
        uow.commit()
    return len(letters)


# -- processing ----------------------------------------------------------------------------------------------

def tick(notify: Notify, *, stalled_after: timedelta = STALLED_AFTER, limit: int = 100) -> list[UUID]:
    """The scheduler: release due scheduled jobs (-> pending), and return the ids of the jobs that need a
    processor: pending ones and those stalled in progress. Safe to run in many processes at once."""
    now = notify.clock.now()
    with notify.uow() as uow:
        due = uow.jobs.list_by_status({JobStatus.SCHEDULED}, scheduled_before=now, limit=limit)
        for job in due:
            uow.jobs.update_if_unchanged(job.release(now=now), previous=job)
        uow.commit()
    with notify.uow() as uow:
        ready = list(uow.jobs.list_by_status({JobStatus.PENDING}, limit=limit))
        ready += uow.jobs.list_by_status({JobStatus.IN_PROGRESS}, updated_before=now - stalled_after, limit=limit)
    return [job.id for job in ready]


def process_job(notify: Notify, job_id: UUID, *, stalled_after: timedelta = STALLED_AFTER,
                batch_size: int | None = None) -> Job | None:
    """Run a job to its end. Returns the job as last stored, or None when someone else has it / nothing to do."""
    claimed = _claim(notify, job_id, stalled_after)
    if claimed is None:
        return None
    job, fresh = claimed
    with notify.uow() as uow:
        service = uow.services.get(job.service_id)
        template = uow.templates.get_version(job.service_id, job.template_id, job.template_version)
        allowed = allowed_recipients(uow, service.id) if service.restricted else None
        start = (uow.notifications.last_job_row_number(job.id) or -1) + 1 if not fresh else 0
    assert notify.uploads is not None
    sheet = Spreadsheet.parse(_decode(notify.uploads.get(job.service_id, job.id).data))
    recipient_column = sheet.column(recipient_columns(template.template_type)[0])
    reference_column = sheet.column(REFERENCE_COLUMN)
    if batch_size is None:
        batch_size = BATCH_SIZE if notify.fair_share is None else SHARED_BATCH_SIZE
    for first in range(start, len(sheet.rows), batch_size):
        batch: list[Notification | None] = []
        for index in range(first, min(first + batch_size, len(sheet.rows))):
            if index % MAKE_WAY_EVERY == 0:
                notify.make_way()
            batch.append(_notification(notify, job, service, template, index, sheet.rows[index], recipient_column,
                                       reference_column, allowed))
        created = [n for n in batch if n is not None]
        now = notify.clock.now()
        with notify.uow() as uow:
            beat = job.changed(now=now)
            if not uow.jobs.update_if_unchanged(beat, previous=job):
                log.warning("job %s was taken over or stopped; leaving it", job.id)
                return None
            uow.notifications.add_many(created)
            uow.commit()
        job = beat
        ready = [n for n in created if n.status is NotificationStatus.CREATED]
        if notify.queue is not None and ready:
            notify.queue.enqueue_prepared([(n, None) for n in ready])  # delivery renders them
    with notify.uow() as uow:
        finished = job.finish(now=notify.clock.now())
        if not uow.jobs.update_if_unchanged(finished, previous=job):
            return None
        uow.commit()
    return finished


def _claim(notify: Notify, job_id: UUID, stalled_after: timedelta) -> tuple[Job, bool] | None:
    now = notify.clock.now()
    with notify.uow() as uow:
        job = uow.jobs.find(job_id)
        if job is None:
            return None
        fresh = job.job_status is JobStatus.PENDING
        stalled = job.job_status is JobStatus.IN_PROGRESS and (job.updated_at or job.created_at) < now - stalled_after
        if not (fresh or stalled):
            return None
        service = uow.services.get(job.service_id)
        if not service.active:
            stopped = job.end(JobStatus.CANCELLED, now=now)
            if uow.jobs.update_if_unchanged(stopped, previous=job):
                uow.commit()
            return None
        started = job.start(now=now)
        if not uow.jobs.update_if_unchanged(started, previous=job):
            return None
        if fresh:
            kind = (uow.templates.get_version(job.service_id, job.template_id, job.template_version)
                    .template_type.value)
            daily = daily_limit(service, kind, now)
            counted = uow.counters.increment(daily.key, expires_at=daily.expires_at, amount=job.notification_count)
            if counted <= daily.limit:
                uow.commit()
                return started, True
        else:
            uow.commit()
            return started, False
    with notify.uow() as uow:  # over the daily limit: nothing counted, nothing sent
        if uow.jobs.update_if_unchanged(job.end(JobStatus.SENDING_LIMITS_EXCEEDED, now=now), previous=job):
            uow.commit()
    return None


def _notification(notify: Notify, job: Job, service: Service, template: Template, index: int,
                  row: dict[str, str], recipient_column: str | None, reference_column: str | None,
                  allowed: frozenset[str] | None) -> Notification | None:
    status = NotificationStatus.CREATED
    try:
        checked = sending.check_recipient(service, template, row.get(recipient_column or "", ""), row)
        to, normalised_to, extra = checked.to, checked.normalised_to, dict(checked.extra)
    except InvalidRequest:  # checked at upload; the service's settings may have changed since
        to, normalised_to, extra = row.get(recipient_column or "", ""), None, {}
        status = NotificationStatus.VALIDATION_FAILED
    if allowed is not None and status is NotificationStatus.CREATED and not sending.may_reach(normalised_to or "", allowed):
        log.info("job %s row %s: recipient not allowed in trial mode; skipped", job.id, index)
        return None
    return Notification(
        id=notify.ids.new(), service_id=job.service_id, template_id=template.id,
        template_version=template.version, notification_type=template.template_type, to=to,
        normalised_to=normalised_to, created_at=notify.clock.now(), key_type=KeyType.NORMAL, status=status,
        personalisation=row, job_id=job.id, job_row_number=index, created_by_id=job.created_by,
        client_reference=(row.get(reference_column) or None) if reference_column else None, **extra)

