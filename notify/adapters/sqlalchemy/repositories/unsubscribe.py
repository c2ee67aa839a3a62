"""Unsubscribe requests and their reports in SQL: a request is put in a report by setting its report id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from notify.domain.unsubscribe import (
    UnsubscribeRequest,
    UnsubscribeRequestReport,
    UnsubscribeRequestReportNotFound,
    UnsubscribeStatistics,
)

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

UNSUBSCRIBE_REQUEST = RowMap(UnsubscribeRequest)
UNSUBSCRIBE_REQUEST_REPORT = RowMap(UnsubscribeRequestReport)


class SqlAlchemyUnsubscribeRequestRepository(SqlRepository[UnsubscribeRequest]):
    table, map = t.unsubscribe_request, UNSUBSCRIBE_REQUEST
    what = "unsubscribe request"

    def _newest_first(self, *conditions: sa.ColumnElement[bool]) -> list[UnsubscribeRequest]:
        r = self.table
        return self._all(sa.select(r).where(*conditions).order_by(r.c.created_at.desc(), r.c.id.desc()))

    def add(self, request: UnsubscribeRequest) -> None:
        self._insert(request)

    def latest_for_notification(self, notification_id: UUID) -> UnsubscribeRequest | None:
        found = self._newest_first(self.table.c.notification_id == notification_id)
        return found[0] if found else None

    def unbatched(self, service_id: UUID) -> Sequence[UnsubscribeRequest]:
        r = self.table.c
        return self._newest_first(r.service_id == service_id, r.unsubscribe_request_report_id.is_(None))

    def in_report(self, service_id: UUID, report_id: UUID) -> Sequence[UnsubscribeRequest]:
        r = self.table.c
        return self._newest_first(r.service_id == service_id, r.unsubscribe_request_report_id == report_id)

    def assign_to_report(self, service_id: UUID, report_id: UUID, *, earliest: datetime, latest: datetime) -> int:
        r = self.table.c
        result = self._exec(sa.update(self.table).where(
            r.service_id == service_id, r.unsubscribe_request_report_id.is_(None),
            r.created_at >= earliest, r.created_at <= latest).values(unsubscribe_request_report_id=report_id))
        return int(result.rowcount)

    def remove_archived(self, *, reports_made_before: datetime, unreported_made_before: datetime) -> int:
        r, report = self.table.c, t.unsubscribe_request_report
        old_reports = sa.select(report.c.id).where(report.c.created_at < reports_made_before)
        reported = self._exec(sa.delete(self.table).where(r.unsubscribe_request_report_id.in_(old_reports)))
        unreported = self._exec(sa.delete(self.table).where(r.unsubscribe_request_report_id.is_(None),
                                                            r.created_at < unreported_made_before))
        return int(reported.rowcount) + int(unreported.rowcount)

    def statistics(self, service_id: UUID) -> UnsubscribeStatistics:
        r, report = self.table, t.unsubscribe_request_report
        waiting = sa.func.count().filter(sa.or_(r.c.unsubscribe_request_report_id.is_(None),
                                                report.c.processed_by_service_at.is_(None)))
        row = self._exec(
            sa.select(waiting.label("waiting"), sa.func.max(r.c.created_at).label("latest"))
            .select_from(r.outerjoin(report, report.c.id == r.c.unsubscribe_request_report_id))
            .where(r.c.service_id == service_id)).one()._mapping
        return UnsubscribeStatistics(int(row["waiting"] or 0), row["latest"])


class SqlAlchemyUnsubscribeRequestReportRepository(SqlRepository[UnsubscribeRequestReport]):
    table, map = t.unsubscribe_request_report, UNSUBSCRIBE_REQUEST_REPORT
    not_found = UnsubscribeRequestReportNotFound
    what = "unsubscribe request report"

    def add(self, report: UnsubscribeRequestReport) -> None:
        self._insert(report)

    def update(self, report: UnsubscribeRequestReport) -> None:
        self._update_unguarded(report.id, report)

    def find(self, report_id: UUID) -> UnsubscribeRequestReport | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == report_id))

    def get(self, service_id: UUID, report_id: UUID) -> UnsubscribeRequestReport:
        return self._get_by_id(report_id, self.table.c.service_id == service_id)

    def list_with_requests(self, service_id: UUID) -> Sequence[UnsubscribeRequestReport]:
        report, r = self.table, t.unsubscribe_request
        used = sa.exists().where(r.c.unsubscribe_request_report_id == report.c.id)
        return self._all(sa.select(report).where(report.c.service_id == service_id, used)
                         .order_by(report.c.latest_timestamp.desc(), report.c.id.desc()))
