"""What is kept of a notification once its service's retention has ended: the facts that statistics, billing and
support need (ids, service, template and version, status, channel, key type, cost, times, job row, references),
never the recipient nor the content. The nightly purge moves notifications here; test-key ones are deleted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from uuid import UUID

from attrs import frozen

from .constants import KeyType, NotificationStatus, NotificationType
from .data_retention import ServiceDataRetention, days_of_retention
from .notification import Notification
from .statistics import LONDON, london_midnight

# Letters still on their way to the printer (or being checked) stay until they are done, as Notify keeps them.
LETTERS_IN_FLIGHT = frozenset({NotificationStatus.PENDING_VIRUS_CHECK, NotificationStatus.CREATED,
                               NotificationStatus.SENDING})
PURGE_BATCH = 10_000  # rows a transaction: sends never wait long behind the purge's row locks


@frozen(kw_only=True)
class NotificationHistory:
    id: UUID
    service_id: UUID
    template_id: UUID
    template_version: int
    notification_type: NotificationType
    created_at: datetime
    key_type: KeyType = KeyType.NORMAL
    api_key_id: UUID | None = None
    status: NotificationStatus = NotificationStatus.CREATED
    job_id: UUID | None = None
    job_row_number: int | None = None
    sent_at: datetime | None = None
    sent_by: str | None = None
    updated_at: datetime | None = None
    billable_units: int = 0
    rate_multiplier: float | None = None
    international: bool = False
    phone_prefix: str | None = None
    client_reference: str | None = None
    reference: str | None = None
    postage: str | None = None
    created_by_id: UUID | None = None

    @classmethod
    def of(cls, n: Notification) -> NotificationHistory:
        return cls(**{name: getattr(n, name) for name in HISTORY_FIELDS})


HISTORY_FIELDS = tuple(a.name for a in NotificationHistory.__attrs_attrs__)


@frozen
class Expiry:
    """One service's notifications of one channel created before `created_before` are past retention, except
    those in `kept_statuses`."""

    service_id: UUID
    notification_type: NotificationType
    created_before: datetime
    kept_statuses: frozenset[NotificationStatus] = frozenset()

    def covers(self, n: Notification) -> bool:
        return (n.service_id == self.service_id and n.notification_type is self.notification_type
                and n.created_at < self.created_before and n.status not in self.kept_statuses)


def retention_start(now: datetime, days: int) -> datetime:
    """The first moment still kept: midnight (UK) `days` days before today (UK). Kept with 3 days at 03:00 on
    the 5th: the 2nd, 3rd and 4th, and today."""
    return london_midnight(now.astimezone(LONDON).date() - timedelta(days=days))


def expiries(service_ids: Iterable[UUID], retentions: Sequence[ServiceDataRetention],
             now: datetime) -> list[Expiry]:
    """Every service's channels, each with the service's own setting or the 7-day default."""
    by_service: dict[UUID, list[ServiceDataRetention]] = {}
    for r in retentions:
        by_service.setdefault(r.service_id, []).append(r)
    return [Expiry(service_id, kind, retention_start(now, days_of_retention(by_service.get(service_id, ()), kind)),
                   LETTERS_IN_FLIGHT if kind is NotificationType.LETTER else frozenset())
            for service_id in service_ids for kind in NotificationType]


def job_expired(created_at: datetime, scheduled_for: datetime | None, archived: bool, expiry: Expiry) -> bool:
    """A job's spreadsheet goes when its channel's retention has passed since it was (scheduled to be) sent."""
    return not archived and (scheduled_for or created_at) < expiry.created_before


@frozen
class PurgeReport:
    moved: int = 0  # notifications to history (or deleted, for test keys)
    letters_removed: int = 0  # their PDFs
    jobs_archived: int = 0  # and their spreadsheets removed
    documents_removed: int = 0  # files sent by email, past their own retention
    unsubscribe_requests_removed: int = 0  # archived: a week after their report, 90 days if never reported
    reports_removed: int = 0  # background reports (CSV), a day after they were asked for

    def __add__(self, other: PurgeReport) -> PurgeReport:
        return PurgeReport(self.moved + other.moved, self.letters_removed + other.letters_removed,
                           self.jobs_archived + other.jobs_archived, self.documents_removed + other.documents_removed,
                           self.unsubscribe_requests_removed + other.unsubscribe_requests_removed,
                           self.reports_removed + other.reports_removed)


def purge_due(last_day: date | None, now: datetime, hour: int) -> bool:
    """Nightly: once a UK day, from `hour` (UK) on."""
    local = now.astimezone(LONDON)
    return local.hour >= hour and last_day != local.date()


def purge_day(now: datetime) -> date:
    return now.astimezone(LONDON).date()
