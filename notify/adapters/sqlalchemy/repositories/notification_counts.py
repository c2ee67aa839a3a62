"""Counts by status, template and job: asked of notifications and of their history alike (the same columns)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TypeVar
from uuid import UUID

import sqlalchemy as sa
from attrs import AttrsInstance

from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.statistics import Period, StatusCount, TemplateCount, TemplateStatusCount

from .. import rows as R
from .base import SqlRepository

T = TypeVar("T", bound=AttrsInstance)


class NotificationCounts(SqlRepository[T]):
    def status_counts(self, periods: Sequence[Period], *, service_ids: Sequence[UUID] | None = None,
                      include_test_key: bool = False) -> Sequence[StatusCount]:
        """One GROUP BY per period, sent as one statement (UNION ALL); nothing but the counts comes back."""
        if not periods or (service_ids is not None and not service_ids):
            return []
        n = self.table
        selects = []
        for period in periods:
            statement = (
                sa.select(n.c.service_id, sa.literal(period.label, sa.String).label("period"), n.c.notification_type,
                          n.c.notification_status, sa.func.count().label("count"))
                .where(n.c.created_at >= period.start, n.c.created_at < period.end)
                .group_by(n.c.service_id, n.c.notification_type, n.c.notification_status))
            if service_ids is not None:
                statement = statement.where(n.c.service_id.in_(list(service_ids)))
            if not include_test_key:
                statement = statement.where(n.c.key_type != KeyType.TEST.value)
            selects.append(statement)
        query = selects[0] if len(selects) == 1 else sa.union_all(*selects)
        counts = [StatusCount(R.ROWS.structure(row.service_id, UUID), row.period,
                              NotificationType(row.notification_type), NotificationStatus(row.notification_status),
                              int(row._mapping["count"]))
                  for row in self._exec(query)]
        return sorted(counts, key=lambda c: (str(c.service_id), c.period, c.notification_type, c.status))

    def counts_for_jobs(self, job_ids: Sequence[UUID]) -> Mapping[UUID, Mapping[NotificationStatus, int]]:
        if not job_ids:
            return {}
        n = self.table
        counts: dict[UUID, dict[NotificationStatus, int]] = defaultdict(dict)
        for row in self._exec(sa.select(n.c.job_id, n.c.notification_status, sa.func.count().label("count"))
                              .where(n.c.job_id.in_(list(job_ids)))
                              .group_by(n.c.job_id, n.c.notification_status)):
            status = NotificationStatus(row.notification_status)
            counts[R.ROWS.structure(row.job_id, UUID)][status] = int(row._mapping["count"])
        return dict(counts)

    def template_counts(self, service_id: UUID, periods: Sequence[Period]) -> Sequence[TemplateCount]:
        """One GROUP BY per period, sent as one statement (UNION ALL)."""
        if not periods:
            return []
        n = self.table
        selects = [
            sa.select(sa.literal(period.label, sa.String).label("period"), n.c.template_id,
                      sa.func.count().label("count"))
            .where(n.c.service_id == service_id, n.c.key_type != KeyType.TEST.value,
                   n.c.created_at >= period.start, n.c.created_at < period.end)
            .group_by(n.c.template_id)
            for period in periods]
        query = selects[0] if len(selects) == 1 else sa.union_all(*selects)
        counts = [TemplateCount(row.period, R.ROWS.structure(row.template_id, UUID), int(row._mapping["count"]))
                  for row in self._exec(query)]
        return sorted(counts, key=lambda c: (c.period, str(c.template_id)))

    def template_status_counts(self, service_id: UUID, since: datetime) -> Sequence[TemplateStatusCount]:
        n = self.table
        rows = self._exec(sa.select(n.c.template_id, n.c.notification_status, sa.func.count().label("count"))
                          .where(n.c.service_id == service_id, n.c.key_type != KeyType.TEST.value,
                                 n.c.created_at >= since)
                          .group_by(n.c.template_id, n.c.notification_status))
        counts = [TemplateStatusCount(R.ROWS.structure(row.template_id, UUID),
                                      NotificationStatus(row.notification_status), int(row._mapping["count"]))
                  for row in rows]
        return sorted(counts, key=lambda c: (str(c.template_id), c.status.value))

    def last_sent(self, service_id: UUID, template_id: UUID) -> datetime | None:
        n = self.table
        last: datetime | None = self._exec(sa.select(sa.func.max(n.c.created_at)).where(
            n.c.service_id == service_id, n.c.template_id == template_id,
            n.c.key_type != KeyType.TEST.value)).scalar()
        return None if last is None else R.ROWS.structure(last, datetime)
