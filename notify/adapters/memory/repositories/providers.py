"""Provider details, every version kept."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.provider import ProviderDetails

from .base import VersionedRepository


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
