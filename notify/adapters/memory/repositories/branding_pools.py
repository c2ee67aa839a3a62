"""Organisations' branding pools, in memory: keys (organisation id, kind, branding id)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.branding import BrandingKind

from .base import MemoryRepository


class InMemoryBrandingPoolRepository(MemoryRepository[bool]):
    table_name = "branding_pools"

    def list(self, organisation_id: UUID, kind: BrandingKind) -> Sequence[UUID]:
        return [b for (o, k, b) in self._rows if o == organisation_id and k == kind]

    def add(self, organisation_id: UUID, kind: BrandingKind, branding_ids: Sequence[UUID]) -> None:
        for branding_id in branding_ids:
            if (organisation_id, kind, branding_id) not in self._rows:
                self._session.put(self.table_name, (organisation_id, kind, branding_id), True)

    def remove(self, organisation_id: UUID, kind: BrandingKind, branding_id: UUID) -> bool:
        key = (organisation_id, kind, branding_id)
        if key not in self._rows:
            return False
        self._session.delete(self.table_name, key)
        return True

    def remove_everywhere(self, kind: BrandingKind, branding_id: UUID) -> None:
        for key in [key for key in self._rows if key[1] == kind and key[2] == branding_id]:
            self._session.delete(self.table_name, key)
