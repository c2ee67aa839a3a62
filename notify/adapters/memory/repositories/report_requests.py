"""In-memory report requests (the contract suite holds them to the SQL store's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from notify.domain.report_request import ReportRequest, ReportRequestNotFound, ReportStatus

from .base import ServiceScopedRepository


class InMemoryReportRequestRepository(ServiceScopedRepository[ReportRequest]):
    table_name = "report_requests"
    not_found = ReportRequestNotFound

    def add(self, request: ReportRequest) -> None:
        self._insert(request.id, request, what="report request")

    def update(self, request: ReportRequest) -> None:
        self._replace_for(request.service_id, request.id, request)

    def get(self, service_id: UUID, request_id: UUID) -> ReportRequest:
        return self._get_for(service_id, request_id)

    def list_for_user(self, service_id: UUID, user_id: UUID) -> Sequence[ReportRequest]:
        return sorted((r for r in self._rows.values() if r.service_id == service_id and r.user_id == user_id),
                      key=lambda r: (r.created_at, r.id))

    def list_created_before(self, before: datetime) -> Sequence[ReportRequest]:
        return sorted((r for r in self._rows.values() if r.created_at < before and r.status is not ReportStatus.DELETED),
                      key=lambda r: (r.created_at, r.id))
