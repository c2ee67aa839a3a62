"""API keys: creation (the secret is shown once, as the creation's answer) and what is shown of a key after."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType

from .fields import optional, required


@define(kw_only=True)
class CreateApiKey:
    name: str = required(max_length=255, not_blank=True)
    key_type: KeyType = required()
    created_by: UUID = required()


@define(kw_only=True)
class RevokeApiKey:
    created_by: UUID | None = optional()


@define(kw_only=True)
class ApiKeyOut:
    """Never the secret."""

    id: UUID
    name: str
    key_type: KeyType
    service_id: UUID
    expiry_date: datetime | None
    created_at: datetime
    updated_at: datetime | None
    created_by: UUID
    version: int

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyOut:
        return cls(id=key.id, name=key.name, key_type=key.key_type, service_id=key.service_id,
                   expiry_date=key.expiry_date, created_at=key.created_at, updated_at=key.updated_at,
                   created_by=key.created_by, version=key.version)


@define(kw_only=True)
class ApiKeyList:
    apiKeys: list[ApiKeyOut]  # noqa: N815 - Notify's key
