"""Data retention settings in SQL: a unique index keeps one per service and channel."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.data_retention import DataRetentionNotFound, ServiceDataRetention

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

DATA_RETENTION = RowMap(ServiceDataRetention)


class SqlAlchemyDataRetentionRepository(SqlRepository[ServiceDataRetention]):
    table, map = t.service_data_retention, DATA_RETENTION
    not_found = DataRetentionNotFound
    what = "data retention"

    def add(self, retention: ServiceDataRetention) -> None:
        self._insert(retention)

    def update(self, retention: ServiceDataRetention) -> None:
        self._replace(retention.id, retention)

    def get(self, service_id: UUID, retention_id: UUID) -> ServiceDataRetention:
        return self._get_by_id(retention_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceDataRetention]:
        r = self.table
        return self._all(sa.select(r).where(r.c.service_id == service_id).order_by(r.c.notification_type))

    def list_all(self) -> Sequence[ServiceDataRetention]:
        r = self.table
        return self._all(sa.select(r).order_by(r.c.service_id, r.c.notification_type))
