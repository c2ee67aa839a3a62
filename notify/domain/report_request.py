"""Report requests: a team member asks for a CSV of the service's notifications; a background task writes it
to the upload store and the request says where it is up to. A second identical request while the first is
still being made is answered with the first."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from attrs import evolve, frozen

from .constants import FAILURE_STATUSES, NotificationStatus
from .errors import NotFound


class ReportRequestNotFound(NotFound): ...


NOTIFICATIONS_REPORT = "notifications_report"  # the report type the API is asked for
REPORT_TYPE_NOTIFICATIONS = "notifications"  # how a request of that type is stored and shown
REPORT_TIMEOUT = timedelta(minutes=30)  # a request in progress longer than this is taken as lost
REPORT_KEPT = timedelta(days=1)  # then the nightly purge removes the report and marks its request deleted


class ReportStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in progress"
    STORED = "stored"
    FAILED = "failed"
    DELETED = "deleted"


ONGOING = frozenset({ReportStatus.PENDING, ReportStatus.IN_PROGRESS})


class StatusFilter(StrEnum):
    """Which notifications a report lists, by outcome."""

    ALL = "all"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


_S = NotificationStatus
STATUSES_BY_FILTER: dict[StatusFilter, frozenset[NotificationStatus]] = {
    StatusFilter.SENDING: frozenset({_S.CREATED, _S.PENDING, _S.PENDING_VIRUS_CHECK, _S.SENDING}),
    StatusFilter.DELIVERED: frozenset({_S.DELIVERED, _S.RETURNED_LETTER, _S.SENT}),
    StatusFilter.FAILED: FAILURE_STATUSES,
}
STATUSES_BY_FILTER[StatusFilter.ALL] = frozenset().union(*STATUSES_BY_FILTER.values())


@frozen(kw_only=True)
class ReportRequest:
    id: UUID
    user_id: UUID
    service_id: UUID
    report_type: str
    status: ReportStatus
    notification_type: str  # email, sms, letter or all
    notification_status: StatusFilter
    created_at: datetime
    updated_at: datetime | None = None

    def same_ask(self, other: ReportRequest) -> bool:
        return (self.user_id, self.service_id, self.report_type, self.notification_type,
                self.notification_status) == (other.user_id, other.service_id, other.report_type,
                                              other.notification_type, other.notification_status)

    def ongoing_at(self, now: datetime) -> bool:
        """Still being made: pending or in progress, and touched within the timeout."""
        return self.status in ONGOING and (self.updated_at or self.created_at) > now - REPORT_TIMEOUT

    def expired_at(self, now: datetime) -> bool:
        return self.status is not ReportStatus.DELETED and self.created_at < now - REPORT_KEPT

    def moved_to(self, status: ReportStatus, now: datetime) -> ReportRequest:
        return evolve(self, status=status, updated_at=now)
