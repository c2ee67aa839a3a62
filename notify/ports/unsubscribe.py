"""Where unsubscribe requests and their reports are kept (domain.unsubscribe). Both belong to one service:
another service's ids are not found."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from notify.domain.unsubscribe import UnsubscribeRequest, UnsubscribeRequestReport, UnsubscribeStatistics


class UnsubscribeRequestRepository(Protocol):
    def add(self, request: UnsubscribeRequest) -> None: ...
    def latest_for_notification(self, notification_id: UUID) -> UnsubscribeRequest | None: ...
    def unbatched(self, service_id: UUID) -> Sequence[UnsubscribeRequest]: ...  # newest first
    def in_report(self, service_id: UUID, report_id: UUID) -> Sequence[UnsubscribeRequest]: ...  # newest first

    def assign_to_report(self, service_id: UUID, report_id: UUID, *, earliest: datetime, latest: datetime) -> int:
        """Put the service's unreported requests made from `earliest` to `latest` (both included) in the report;
        how many were."""
        ...

    def remove_archived(self, *, reports_made_before: datetime, unreported_made_before: datetime) -> int:
        """Every service's requests in reports made before the first instant, and those in no report made before
        the second: removed; how many."""
        ...

    def statistics(self, service_id: UUID) -> UnsubscribeStatistics:
        """Requests not in a report, or in one the service has not processed; the newest request's time."""
        ...


class UnsubscribeRequestReportRepository(Protocol):
    def add(self, report: UnsubscribeRequestReport) -> None: ...
    def update(self, report: UnsubscribeRequestReport) -> None: ...
    def find(self, report_id: UUID) -> UnsubscribeRequestReport | None: ...  # any service: duplicate checks
    def get(self, service_id: UUID, report_id: UUID) -> UnsubscribeRequestReport: ...  # ...ReportNotFound

    def list_with_requests(self, service_id: UUID) -> Sequence[UnsubscribeRequestReport]:
        """The service's reports that hold at least one request, newest `latest_timestamp` first."""
        ...
