"""Jobs: a bulk send from an uploaded spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import JobStatus, NotificationStatus, NotificationType
from .errors import InvalidRequest, NotFound


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

    # -- the life of a job ---------------------------------------------------------------------------------
    @property
    def scheduled(self) -> bool:
        return self.job_status is JobStatus.SCHEDULED

    def start(self, *, now: datetime) -> Job:
        """pending (or a stalled `in progress`, resumed) -> in progress."""
        if self.job_status not in (JobStatus.PENDING, JobStatus.IN_PROGRESS):
            raise InvalidJobTransition(self.job_status, JobStatus.IN_PROGRESS)
        return self.changed(now=now, job_status=JobStatus.IN_PROGRESS,
                            processing_started=self.processing_started or now)

    def finish(self, *, now: datetime) -> Job:
        return self.changed(now=now, job_status=JobStatus.FINISHED, processing_finished=now)

    def end(self, status: JobStatus, *, now: datetime) -> Job:
        """Stop without sending (cancelled, sending limits exceeded)."""
        return self.changed(now=now, job_status=status, processing_finished=now)

    def cancel(self, *, now: datetime) -> Job:
        if self.job_status is not JobStatus.SCHEDULED:
            raise InvalidJobTransition(self.job_status, JobStatus.CANCELLED)
        return self.changed(now=now, job_status=JobStatus.CANCELLED)

    def release(self, *, now: datetime) -> Job:
        """A due scheduled job becomes pending."""
        if self.job_status is not JobStatus.SCHEDULED:
            raise InvalidJobTransition(self.job_status, JobStatus.PENDING)
        return self.changed(now=now, job_status=JobStatus.PENDING)


def merged_counts(*counts: Mapping[UUID, Mapping[NotificationStatus, int]]
                  ) -> dict[UUID, dict[NotificationStatus, int]]:
    """Each job's notifications per status, from several places (those kept, those purged to history)."""
    total: dict[UUID, dict[NotificationStatus, int]] = {}
    for per_job in counts:
        for job_id, statuses in per_job.items():
            mine = total.setdefault(job_id, {})
            for status, count in statuses.items():
                mine[status] = mine.get(status, 0) + count
    return total


class InvalidJobTransition(InvalidRequest):
    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(f"Cannot move a job from {current} to {wanted}")


# -- the spreadsheet -----------------------------------------------------------------------------------------

MAX_ROWS = 100_000
SMS_RECIPIENT = "phone number"
EMAIL_RECIPIENT = "email address"
ADDRESS_COLUMNS = tuple(f"address line {i}" for i in range(1, 8)) + ("postcode",)
REFERENCE_COLUMN = "reference"


def column_key(name: str) -> str:
    """Header names are insensitive to case, spaces, `_` and `-` (Notify's InsensitiveDict)."""
    return "".join(name.split()).replace("_", "").replace("-", "").lower()


def recipient_columns(notification_type: NotificationType) -> tuple[str, ...]:
    if notification_type is NotificationType.SMS:
        return (SMS_RECIPIENT,)
    if notification_type is NotificationType.EMAIL:
        return (EMAIL_RECIPIENT,)
    return ADDRESS_COLUMNS


# csv's default field limit (128 KiB) is far above any real cell; a file with a bigger one is not a recipient list.
CSV_UNREADABLE = "The file must be a CSV file with no cell longer than 131072 characters"


@frozen
class RowError:
    """One problem in an uploaded file. `row` is the spreadsheet row (1 = the header, 2 = the first
    recipient); None for a problem with the whole file. `column` as written in the file's header, if any."""

    row: int | None
    column: str | None
    message: str


class InvalidFile(InvalidRequest):
    """A spreadsheet refused before anything was created; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[RowError], message: str = "File is not valid") -> None:
        super().__init__(message)
        self.errors = list(errors)


@frozen
class Spreadsheet:
    """A parsed CSV: the header as written and each row as {header: value} (blank lines skipped).
    `rows[i]` is job row number i (0-based, as Notify's job_row_number)."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    @classmethod
    def parse(cls, text: str) -> Spreadsheet:
        if text.startswith("\ufeff"):
            text = text[1:]
        try:
            return cls._read(csv.reader(io.StringIO(text, newline="")))
        except csv.Error:  # a cell over the csv module's field limit (128 KiB), or a quoting it cannot read
            raise InvalidFile([RowError(None, None, CSV_UNREADABLE)]) from None

    @classmethod
    def _read(cls, reader: Iterator[list[str]]) -> Spreadsheet:
        header: list[str] | None = None
        rows: list[dict[str, str]] = []
        for raw in reader:
            if header is None:
                if not any(cell.strip() for cell in raw):
                    continue
                header = [cell.strip() for cell in raw]
                continue
            if not any(cell.strip() for cell in raw):
                continue
            rows.append({name: (raw[i].strip() if i < len(raw) else "")
                         for i, name in enumerate(header) if name})
        return cls(tuple(h for h in (header or []) if h), tuple(rows))

    def column(self, wanted: str) -> str | None:
        """The header as written for an insensitive column name, or None."""
        key = column_key(wanted)
        return next((c for c in self.columns if column_key(c) == key), None)

    def value(self, row: Mapping[str, str], wanted: str) -> str:
        name = self.column(wanted)
        return row.get(name, "") if name else ""


class UploadNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("No result found")
