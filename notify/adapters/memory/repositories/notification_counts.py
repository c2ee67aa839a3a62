"""Counts by status, template and job: asked of notifications and of their history alike (the same fields)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol, TypeVar
from uuid import UUID

from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.statistics import Period, StatusCount, TemplateCount, TemplateStatusCount

from .base import MemoryRepository


class _Counted(Protocol):
    @property
    def service_id(self) -> UUID: ...
    @property
    def template_id(self) -> UUID: ...
    @property
    def job_id(self) -> UUID | None: ...
    @property
    def key_type(self) -> KeyType: ...
    @property
    def notification_type(self) -> NotificationType: ...
    @property
    def status(self) -> NotificationStatus: ...
    @property
    def created_at(self) -> datetime: ...


T = TypeVar("T", bound=_Counted)


class NotificationCounts(MemoryRepository[T]):
    def status_counts(self, periods: Sequence[Period], *, service_ids: Sequence[UUID] | None = None,
                      include_test_key: bool = False) -> Sequence[StatusCount]:
        wanted = None if service_ids is None else set(service_ids)
        counts: dict[tuple[UUID, str, NotificationType, NotificationStatus], int] = {}
        for n in self._rows.values():
            if wanted is not None and n.service_id not in wanted:
                continue
            if not include_test_key and n.key_type == KeyType.TEST:
                continue
            for period in periods:
                if period.start <= n.created_at < period.end:
                    key = (n.service_id, period.label, n.notification_type, n.status)
                    counts[key] = counts.get(key, 0) + 1
        return [StatusCount(*key, count) for key, count in sorted(counts.items(), key=lambda kv: str(kv[0]))]

    def counts_for_jobs(self, job_ids: Sequence[UUID]) -> Mapping[UUID, Mapping[NotificationStatus, int]]:
        wanted = set(job_ids)
        counts: dict[UUID, dict[NotificationStatus, int]] = {}
        for n in self._rows.values():
            if n.job_id is not None and n.job_id in wanted:
                per_job = counts.setdefault(n.job_id, {})
                per_job[n.status] = per_job.get(n.status, 0) + 1
        return counts

    def template_counts(self, service_id: UUID, periods: Sequence[Period]) -> Sequence[TemplateCount]:
        counts: dict[tuple[str, UUID], int] = {}
        for n in self._rows.values():
            if n.service_id != service_id or n.key_type is KeyType.TEST:
                continue
            for period in periods:
                if period.start <= n.created_at < period.end:
                    key = (period.label, n.template_id)
                    counts[key] = counts.get(key, 0) + 1
        return sorted((TemplateCount(label, template_id, count) for (label, template_id), count in counts.items()),
                      key=lambda c: (c.period, str(c.template_id)))

    def template_status_counts(self, service_id: UUID, since: datetime) -> Sequence[TemplateStatusCount]:
        counts = Counter((n.template_id, n.status) for n in self._rows.values()
                         if n.service_id == service_id and n.key_type is not KeyType.TEST and n.created_at >= since)
        return sorted((TemplateStatusCount(t, status, count) for (t, status), count in counts.items()),
                      key=lambda c: (str(c.template_id), c.status.value))

    def last_sent(self, service_id: UUID, template_id: UUID) -> datetime | None:
        return max((n.created_at for n in self._rows.values() if n.service_id == service_id
                    and n.template_id == template_id and n.key_type is not KeyType.TEST), default=None)
