"""API keys, every version kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.api_key import ApiKey

from .base import VersionedRepository


class InMemoryApiKeyRepository(VersionedRepository[ApiKey]):
    table_name = "api_keys"
    not_found = errors.ApiKeyNotFound

    def _same_live_name(self, key: ApiKey) -> Callable[[ApiKey], bool]:
        return lambda k: (k.service_id == key.service_id and k.name == key.name
                          and not k.revoked and not key.revoked)

    def add(self, key: ApiKey) -> None:
        self._add_versioned(key, self._same_live_name(key), "api key")

    def update(self, key: ApiKey) -> None:
        self._update_versioned(key, self._same_live_name(key))

    def get(self, service_id: UUID, key_id: UUID) -> ApiKey:
        key = self._get(key_id)
        if key.service_id != service_id:
            raise self.not_found()
        return key

    def list_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        return sorted((k for k in self._rows.values() if k.service_id == service_id),
                      key=lambda k: (k.created_at, k.id))

    def history_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        return sorted(self._versions_of(lambda k: k.service_id == service_id),
                      key=lambda k: (k.created_at, str(k.id), k.version))
