"""API keys: how a service's backend authenticates to the public API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import KeyType


@frozen(kw_only=True)
class ApiKey:
    id: UUID
    service_id: UUID
    name: str
    secret: str  # plaintext in the domain; adapters store it encrypted
    key_type: KeyType
    created_at: datetime
    created_by: UUID
    expiry_date: datetime | None = None  # set when revoked
    updated_at: datetime | None = None
    version: int = 1

    @property
    def revoked(self) -> bool:
        return self.expiry_date is not None

    def revoke(self, *, now: datetime, by: UUID | None = None) -> ApiKey:
        return evolve(
            self,
            expiry_date=now,
            updated_at=now,
            version=self.version + 1,
            created_by=by or self.created_by,
        )
