"""Provider details, every version kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.provider import ProviderDetails

from .base import VersionedRepository

CREDENTIALS = "provider_credentials"


class InMemoryProviderRepository(VersionedRepository[ProviderDetails]):
    table_name = "providers"
    not_found = errors.ProviderNotFound

    def add(self, provider: ProviderDetails) -> None:
        self._add_versioned(provider, lambda p: p.identifier == provider.identifier, "provider")

    def update(self, provider: ProviderDetails) -> None:
        self._update_versioned(provider, lambda p: p.identifier == provider.identifier)

    def get(self, provider_id: UUID) -> ProviderDetails:
        return self._get(provider_id)

    def list(self) -> Sequence[ProviderDetails]:
        return sorted(self._rows.values(), key=lambda p: (p.notification_type, -p.priority, p.identifier))

    def versions(self, provider_id: UUID) -> Sequence[ProviderDetails]:
        return sorted(self._versions_of(lambda p: p.id == provider_id), key=lambda p: p.version, reverse=True)

    def set_credentials(self, provider_id: UUID, credentials: Mapping[str, str]) -> None:
        self._get(provider_id)
        if credentials:
            self._session.put(CREDENTIALS, provider_id, dict(credentials))
        else:
            self._session.delete(CREDENTIALS, provider_id)

    def credentials(self) -> Mapping[UUID, Mapping[str, str]]:
        return {provider_id: dict(values) for provider_id, values in self._session.table(CREDENTIALS).items()}
