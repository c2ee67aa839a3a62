"""Daily facts in SQL: a day's rows replaced in one transaction (DELETE then INSERT), so building a day again
leaves exactly the new rows; the tallies are one GROUP BY over the day's notifications, current and purged."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.facts import (
    FAST_ENOUGH, PROCESSING_TIME_TYPES, BillingFact, DayRange, NotificationTally, ProcessingTimeFact, StatusFact,
    fact_order,
)
from notify.domain.statistics import StatusCount, TemplateStatusCount

from .. import rows as R
from .. import tables as t
from ..rows import RowMap
from ..session import Session

BILLING_FACT = RowMap(BillingFact)
STATUS_FACT = RowMap(StatusFact)
PROCESSING_TIME_FACT = RowMap(ProcessingTimeFact)
_TALLIED = ("service_id", "template_id", "job_id", "notification_type", "key_type", "notification_status", "sent_by",
            "rate_multiplier", "international", "postage", "billable_units")


class SqlAlchemyFactRepository:
    what = "facts"

    def __init__(self, session: Session) -> None:
        self._session = session

    def _exec(self, statement: sa.Executable, params: Any = None) -> sa.CursorResult[Any]:
        return self._session.execute(statement, params, what=self.what)

    def tally_notifications(self, start: datetime, end: datetime, *,
                            service_ids: Collection[UUID] | None = None) -> Sequence[NotificationTally]:
        def day_of(table: sa.Table) -> sa.Select[Any]:
            chosen = (sa.select(*(table.c[name] for name in _TALLIED))
                      .where(table.c.created_at >= start, table.c.created_at < end))
            if service_ids is not None:
                chosen = chosen.where(table.c.service_id.in_(list(service_ids)))
            return chosen

        both = sa.union_all(day_of(t.notifications), day_of(t.notification_history)).subquery()
        tallied = [both.c[name] for name in _TALLIED]
        statement = sa.select(*tallied, sa.func.count().label("count")).group_by(*tallied)
        return [NotificationTally(row.service_id, row.template_id, row.job_id, NotificationType(row.notification_type),
                                  KeyType(row.key_type), NotificationStatus(row.notification_status), row.sent_by,
                                  row.rate_multiplier, bool(row.international), row.postage, int(row.billable_units),
                                  int(row._mapping["count"]))
                for row in self._exec(statement)]

    def tally_processing_time(self, start: datetime, end: datetime) -> tuple[int, int]:
        def day_of(table: sa.Table) -> sa.Select[Any]:
            fast = self._session.dialect.within(table.c.created_at, table.c.sent_at, FAST_ENOUGH)
            return (sa.select(sa.case((fast, 1), else_=0).label("fast"))
                    .where(table.c.created_at >= start, table.c.created_at < end, table.c.api_key_id.is_not(None),
                           table.c.key_type != KeyType.TEST.value,
                           table.c.notification_type.in_([c.value for c in PROCESSING_TIME_TYPES])))

        both = sa.union_all(day_of(t.notifications), day_of(t.notification_history)).subquery()
        row = self._exec(sa.select(sa.func.count().label("total"),
                                   sa.func.coalesce(sa.func.sum(both.c.fast), 0).label("fast"))).one()
        return int(row.total), int(row.fast)

    def replace_processing_time_day(self, fact: ProcessingTimeFact) -> None:
        self._exec(sa.delete(t.ft_processing_time).where(t.ft_processing_time.c.bst_date == fact.bst_date))
        self._exec(sa.insert(t.ft_processing_time), PROCESSING_TIME_FACT.to_row(fact, self._session.cipher))

    def processing_time_between(self, first: date, last: date) -> Sequence[ProcessingTimeFact]:
        f = t.ft_processing_time
        result = self._exec(sa.select(f).where(f.c.bst_date >= first, f.c.bst_date <= last).order_by(f.c.bst_date))
        read = PROCESSING_TIME_FACT.reader(list(result.keys()), self._session.cipher)
        return [read(row) for row in result.all()]

    def last_built_at(self) -> datetime | None:
        latest: datetime | None = self._exec(sa.select(sa.func.max(t.ft_processing_time.c.updated_at))).scalar()
        return latest

    def _replace(self, table: sa.Table, rows: RowMap[Any], day: date, facts: Sequence[Any],
                 service_ids: Collection[UUID] | None) -> None:
        delete = sa.delete(table).where(table.c.bst_date == day)
        if service_ids is not None:
            delete = delete.where(table.c.service_id.in_(list(service_ids)))
        self._exec(delete)
        if facts:
            self._exec(sa.insert(table), [rows.to_row(f, self._session.cipher) for f in facts])

    def replace_billing_day(self, day: date, facts: Sequence[BillingFact], *,
                            service_ids: Collection[UUID] | None = None) -> None:
        self._replace(t.ft_billing, BILLING_FACT, day, facts, service_ids)

    def replace_status_day(self, day: date, facts: Sequence[StatusFact], *,
                           service_ids: Collection[UUID] | None = None) -> None:
        self._replace(t.ft_notification_status, STATUS_FACT, day, facts, service_ids)

    def _between(self, table: sa.Table, rows: RowMap[Any], first: date | None, last: date | None,
                 service_ids: Collection[UUID] | None) -> list[Any]:
        statement = sa.select(table)
        if first is not None:
            statement = statement.where(table.c.bst_date >= first)
        if last is not None:
            statement = statement.where(table.c.bst_date <= last)
        if service_ids is not None:
            statement = statement.where(table.c.service_id.in_(list(service_ids)))
        result = self._exec(statement)
        read = rows.reader(list(result.keys()), self._session.cipher)
        return sorted((read(row) for row in result.all()), key=fact_order)

    def billing_between(self, first: date, last: date, *,
                        service_ids: Collection[UUID] | None = None) -> Sequence[BillingFact]:
        return self._between(t.ft_billing, BILLING_FACT, first, last, service_ids)

    def status_between(self, first: date | None, last: date | None, *,
                       service_ids: Collection[UUID] | None = None) -> Sequence[StatusFact]:
        return self._between(t.ft_notification_status, STATUS_FACT, first, last, service_ids)

    def status_counts(self, ranges: Sequence[DayRange], *, service_id: UUID) -> Sequence[StatusCount]:
        if not ranges:
            return []
        f = t.ft_notification_status
        selects = [
            sa.select(sa.literal(r.label, sa.String).label("period"), f.c.notification_type, f.c.notification_status,
                      sa.func.sum(f.c.notification_count).label("count"))
            .where(f.c.service_id == service_id, f.c.bst_date >= r.first, f.c.bst_date <= r.last,
                   f.c.key_type != KeyType.TEST.value)
            .group_by(f.c.notification_type, f.c.notification_status)
            for r in ranges]
        query = selects[0] if len(selects) == 1 else sa.union_all(*selects)
        counts = [StatusCount(service_id, row.period, NotificationType(row.notification_type),
                              NotificationStatus(row.notification_status), int(row._mapping["count"]))
                  for row in self._exec(query)]
        return sorted(counts, key=lambda c: (c.period, c.notification_type, c.status))

    def template_status_counts(self, first: date, last: date, *,
                               service_id: UUID) -> Sequence[TemplateStatusCount]:
        f = t.ft_notification_status
        rows = self._exec(sa.select(f.c.template_id, f.c.notification_status,
                                    sa.func.sum(f.c.notification_count).label("count"))
                          .where(f.c.service_id == service_id, f.c.bst_date >= first, f.c.bst_date <= last,
                                 f.c.key_type != KeyType.TEST.value)
                          .group_by(f.c.template_id, f.c.notification_status))
        counts = [TemplateStatusCount(R.ROWS.structure(row.template_id, UUID),
                                      NotificationStatus(row.notification_status), int(row._mapping["count"]))
                  for row in rows]
        return sorted(counts, key=lambda c: (str(c.template_id), c.status.value))
