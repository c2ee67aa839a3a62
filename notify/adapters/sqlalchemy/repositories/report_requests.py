"""Report requests in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from notify.domain.report_request import ReportRequest, ReportRequestNotFound, ReportStatus

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

REPORT_REQUEST = RowMap(ReportRequest)


class SqlAlchemyReportRequestRepository(SqlRepository[ReportRequest]):
    table, map = t.report_requests, REPORT_REQUEST
    not_found = ReportRequestNotFound
    what = "report request"

    def add(self, request: ReportRequest) -> None:
        self._insert(request)

    def update(self, request: ReportRequest) -> None:
        self._update_unguarded(request.id, request, self.table.c.service_id == request.service_id)

    def get(self, service_id: UUID, request_id: UUID) -> ReportRequest:
        return self._get_by_id(request_id, self.table.c.service_id == service_id)

    def list_for_user(self, service_id: UUID, user_id: UUID) -> Sequence[ReportRequest]:
        r = self.table
        return self._all(sa.select(r).where(r.c.service_id == service_id, r.c.user_id == user_id)
                         .order_by(r.c.created_at, r.c.id))

    def list_created_before(self, before: datetime) -> Sequence[ReportRequest]:
        r = self.table
        return self._all(sa.select(r).where(r.c.created_at < before, r.c.status != ReportStatus.DELETED.value)
                         .order_by(r.c.created_at, r.c.id))
