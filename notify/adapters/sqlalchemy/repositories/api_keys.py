"""API keys, every version kept."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.api_key import ApiKey

from .. import rows as R
from .. import tables as t
from .base import VersionedRepository


class SqlAlchemyApiKeyRepository(VersionedRepository[ApiKey]):
    table, history_table, map = t.api_keys, t.api_keys_history, R.API_KEY
    not_found = errors.ApiKeyNotFound
    what = "api key"

    def add(self, key: ApiKey) -> None:
        self._add_versioned(key)

    def update(self, key: ApiKey) -> None:
        self._update_versioned(key)

    def get(self, service_id: UUID, key_id: UUID) -> ApiKey:
        return self._get_by_id(key_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        k = self.table
        return self._all(sa.select(k).where(k.c.service_id == service_id).order_by(k.c.created_at, k.c.id))

    def history_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        h = self.history_table
        return self._history(h.c.service_id == service_id, order=[h.c.created_at, h.c.id, h.c.version])
