"""In-memory data retention settings (the contract suite holds it to the SQL one's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.data_retention import DataRetentionNotFound, ServiceDataRetention

from .base import ServiceScopedRepository


def _same_channel(a: ServiceDataRetention, b: ServiceDataRetention) -> bool:
    return a.service_id == b.service_id and a.notification_type is b.notification_type


class InMemoryDataRetentionRepository(ServiceScopedRepository[ServiceDataRetention]):
    table_name = "service_data_retention"
    not_found = DataRetentionNotFound

    def add(self, retention: ServiceDataRetention) -> None:
        self._insert(retention.id, retention, lambda other: _same_channel(retention, other), "data retention")

    def update(self, retention: ServiceDataRetention) -> None:
        self._replace(retention.id, retention, lambda other: _same_channel(retention, other))

    def get(self, service_id: UUID, retention_id: UUID) -> ServiceDataRetention:
        return self._get_for(service_id, retention_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceDataRetention]:
        return sorted((r for r in self._rows.values() if r.service_id == service_id),
                      key=lambda r: r.notification_type.value)

    def list_all(self) -> Sequence[ServiceDataRetention]:
        return sorted(self._rows.values(), key=lambda r: (str(r.service_id), r.notification_type.value))
