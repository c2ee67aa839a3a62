"""Which brandings an organisation's services may choose from (its email and letter branding pools)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.branding import BrandingKind


class BrandingPoolRepository(Protocol):
    def list(self, organisation_id: UUID, kind: BrandingKind) -> Sequence[UUID]: ...  # branding ids, any order
    def add(self, organisation_id: UUID, kind: BrandingKind, branding_ids: Sequence[UUID]) -> None:
        """Those not in the pool yet join it (ids already there are left as they are)."""
        ...
    def remove(self, organisation_id: UUID, kind: BrandingKind, branding_id: UUID) -> bool: ...  # False: not there
    def remove_everywhere(self, kind: BrandingKind, branding_id: UUID) -> None: ...  # from every organisation's pool
