"""Unsubscribe requests and their reports, in memory (the contract suite holds them to the SQL ones)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from attrs import evolve

from notify.domain.unsubscribe import (
    UnsubscribeRequest,
    UnsubscribeRequestReport,
    UnsubscribeRequestReportNotFound,
    UnsubscribeStatistics,
)

from .base import MemoryRepository, ServiceScopedRepository


def _newest_first(rows: list[UnsubscribeRequest]) -> list[UnsubscribeRequest]:
    return sorted(rows, key=lambda r: (r.created_at, r.id), reverse=True)


class InMemoryUnsubscribeRequestRepository(MemoryRepository[UnsubscribeRequest]):
    table_name = "unsubscribe_request"

    def add(self, request: UnsubscribeRequest) -> None:
        self._insert(request.id, request, what="unsubscribe request")

    def latest_for_notification(self, notification_id: UUID) -> UnsubscribeRequest | None:
        found = _newest_first([r for r in self._rows.values() if r.notification_id == notification_id])
        return found[0] if found else None

    def unbatched(self, service_id: UUID) -> Sequence[UnsubscribeRequest]:
        return _newest_first([r for r in self._rows.values()
                              if r.service_id == service_id and r.unsubscribe_request_report_id is None])

    def in_report(self, service_id: UUID, report_id: UUID) -> Sequence[UnsubscribeRequest]:
        return _newest_first([r for r in self._rows.values()
                              if r.service_id == service_id and r.unsubscribe_request_report_id == report_id])

    def assign_to_report(self, service_id: UUID, report_id: UUID, *, earliest: datetime, latest: datetime) -> int:
        chosen = [r for r in self.unbatched(service_id) if earliest <= r.created_at <= latest]
        for request in chosen:
            self._session.put(self.table_name, request.id, evolve(request, unsubscribe_request_report_id=report_id))
        return len(chosen)

    def remove_archived(self, *, reports_made_before: datetime, unreported_made_before: datetime) -> int:
        reports = self._session.table(InMemoryUnsubscribeRequestReportRepository.table_name)
        gone = [r.id for r in self._rows.values()
                if (r.unsubscribe_request_report_id is None and r.created_at < unreported_made_before)
                or (r.unsubscribe_request_report_id is not None
                    and reports[r.unsubscribe_request_report_id].created_at < reports_made_before)]
        for request_id in gone:
            self._session.delete(self.table_name, request_id)
        return len(gone)

    def statistics(self, service_id: UUID) -> UnsubscribeStatistics:
        reports = self._session.table(InMemoryUnsubscribeRequestReportRepository.table_name)
        mine = [r for r in self._rows.values() if r.service_id == service_id]
        waiting = sum(1 for r in mine if r.unsubscribe_request_report_id is None
                      or reports[r.unsubscribe_request_report_id].processed_by_service_at is None)
        return UnsubscribeStatistics(waiting, max((r.created_at for r in mine), default=None))


class InMemoryUnsubscribeRequestReportRepository(ServiceScopedRepository[UnsubscribeRequestReport]):
    table_name = "unsubscribe_request_report"
    not_found = UnsubscribeRequestReportNotFound

    def add(self, report: UnsubscribeRequestReport) -> None:
        self._insert(report.id, report, what="unsubscribe request report")

    def update(self, report: UnsubscribeRequestReport) -> None:
        self._replace(report.id, report)

    def find(self, report_id: UUID) -> UnsubscribeRequestReport | None:
        return self._rows.get(report_id)

    def get(self, service_id: UUID, report_id: UUID) -> UnsubscribeRequestReport:
        return self._get_for(service_id, report_id)

    def list_with_requests(self, service_id: UUID) -> Sequence[UnsubscribeRequestReport]:
        requests = self._session.table(InMemoryUnsubscribeRequestRepository.table_name).values()
        used = {r.unsubscribe_request_report_id for r in requests if r.service_id == service_id}
        return sorted((r for r in self._rows.values() if r.service_id == service_id and r.id in used),
                      key=lambda r: (r.latest_timestamp, r.id), reverse=True)
