"""In-memory daily facts, keyed by their columns as the SQL tables are (the contract suite holds both alike)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from itertools import chain
from typing import Any
from uuid import UUID

from attrs import astuple, evolve

from notify.domain.constants import KeyType
from notify.domain.facts import (
    FAST_ENOUGH, PROCESSING_TIME_TYPES, BillingFact, DayRange, NotificationTally, ProcessingTimeFact, StatusFact,
    fact_order,
)
from notify.domain.statistics import StatusCount, TemplateStatusCount
from notify.domain.notification import Notification
from notify.domain.notification_history import NotificationHistory

from ..session import InMemorySession

BILLING, STATUS, PROCESSING_TIME = "ft_billing", "ft_notification_status", "ft_processing_time"


def _key(fact: BillingFact | StatusFact) -> tuple[Any, ...]:
    return astuple(fact, recurse=False)[:-2 if isinstance(fact, BillingFact) else -1]


class InMemoryFactRepository:
    def __init__(self, session: InMemorySession) -> None:
        self._session = session

    def tally_notifications(self, start: datetime, end: datetime, *,
                            service_ids: Collection[UUID] | None = None) -> Sequence[NotificationTally]:
        wanted = None if service_ids is None else set(service_ids)
        counts: dict[NotificationTally, int] = {}
        n: Notification | NotificationHistory
        for n in chain(self._session.table("notifications").values(),
                       self._session.table("notification_history").values()):
            if start <= n.created_at < end and (wanted is None or n.service_id in wanted):
                key = NotificationTally(n.service_id, n.template_id, n.job_id, n.notification_type, n.key_type,
                                        n.status, n.sent_by, n.rate_multiplier, n.international, n.postage,
                                        n.billable_units, 0)
                counts[key] = counts.get(key, 0) + 1
        return [evolve(key, count=count) for key, count in counts.items()]

    def tally_processing_time(self, start: datetime, end: datetime) -> tuple[int, int]:
        total = fast = 0
        n: Notification | NotificationHistory
        for n in chain(self._session.table("notifications").values(),
                       self._session.table("notification_history").values()):
            if (start <= n.created_at < end and n.api_key_id is not None and n.key_type is not KeyType.TEST
                    and n.notification_type in PROCESSING_TIME_TYPES):
                total += 1
                fast += n.sent_at is not None and n.sent_at - n.created_at <= FAST_ENOUGH
        return total, fast

    def replace_processing_time_day(self, fact: ProcessingTimeFact) -> None:
        self._session.put(PROCESSING_TIME, fact.bst_date, fact)

    def processing_time_between(self, first: date, last: date) -> Sequence[ProcessingTimeFact]:
        facts: list[ProcessingTimeFact] = list(self._session.table(PROCESSING_TIME).values())
        return sorted((f for f in facts if first <= f.bst_date <= last), key=lambda f: f.bst_date)

    def last_built_at(self) -> datetime | None:
        facts: list[ProcessingTimeFact] = list(self._session.table(PROCESSING_TIME).values())
        return max((f.updated_at for f in facts), default=None)

    def _replace(self, table: str, day: date, facts: Sequence[BillingFact | StatusFact],
                 service_ids: Collection[UUID] | None) -> None:
        wanted = None if service_ids is None else set(service_ids)
        rows = self._session.table(table)
        for key, fact in list(rows.items()):
            if fact.bst_date == day and (wanted is None or fact.service_id in wanted):
                self._session.delete(table, key)
        for fact in facts:
            self._session.put(table, _key(fact), fact)

    def replace_billing_day(self, day: date, facts: Sequence[BillingFact], *,
                            service_ids: Collection[UUID] | None = None) -> None:
        self._replace(BILLING, day, facts, service_ids)

    def replace_status_day(self, day: date, facts: Sequence[StatusFact], *,
                           service_ids: Collection[UUID] | None = None) -> None:
        self._replace(STATUS, day, facts, service_ids)

    def _between(self, table: str, first: date | None, last: date | None,
                 service_ids: Collection[UUID] | None) -> list[Any]:
        wanted = None if service_ids is None else set(service_ids)
        return sorted((f for f in self._session.table(table).values()
                       if (first is None or f.bst_date >= first) and (last is None or f.bst_date <= last)
                       and (wanted is None or f.service_id in wanted)), key=fact_order)

    def billing_between(self, first: date, last: date, *,
                        service_ids: Collection[UUID] | None = None) -> Sequence[BillingFact]:
        return self._between(BILLING, first, last, service_ids)

    def status_between(self, first: date | None, last: date | None, *,
                       service_ids: Collection[UUID] | None = None) -> Sequence[StatusFact]:
        return self._between(STATUS, first, last, service_ids)

    def _counted(self, first: date, last: date, service_id: UUID) -> list[StatusFact]:
        return [f for f in self._between(STATUS, first, last, [service_id]) if f.key_type is not KeyType.TEST]

    def status_counts(self, ranges: Sequence[DayRange], *, service_id: UUID) -> Sequence[StatusCount]:
        sums: dict[tuple[str, Any, Any], int] = {}
        for r in ranges:
            for f in self._counted(r.first, r.last, service_id):
                key = (r.label, f.notification_type, f.notification_status)
                sums[key] = sums.get(key, 0) + f.notification_count
        return [StatusCount(service_id, label, kind, status, count)
                for (label, kind, status), count in sorted(sums.items(), key=lambda kv: kv[0])]

    def template_status_counts(self, first: date, last: date, *,
                               service_id: UUID) -> Sequence[TemplateStatusCount]:
        sums: dict[tuple[UUID, Any], int] = {}
        for f in self._counted(first, last, service_id):
            sums[(f.template_id, f.notification_status)] = sums.get((f.template_id, f.notification_status), 0) \
                + f.notification_count
        return [TemplateStatusCount(template_id, status, count)
                for (template_id, status), count in sorted(sums.items(), key=lambda kv: (str(kv[0][0]), kv[0][1].value))]
