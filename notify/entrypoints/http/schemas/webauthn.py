"""Security keys: what the admin app sends when a user registers or renames one, how one is shown (never its
registration response), and the outcome of a sign-in with one."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.webauthn import WebauthnCredential

from .fields import optional, required

NAME_MAX = 255
BLOB_MAX = 100_000  # base64 CBOR of a key or a registration: a few kB even with an attestation certificate chain


@define(kw_only=True)
class AddKey:
    name: str = required(not_blank=True, max_length=NAME_MAX)
    credential_data: str = required(not_blank=True, max_length=BLOB_MAX)
    registration_response: str = required(not_blank=True, max_length=BLOB_MAX)


@define(kw_only=True)
class RenameKey:
    name: str = required(not_blank=True, max_length=NAME_MAX)


@define(kw_only=True)
class KeyOut:
    id: UUID
    user_id: UUID
    name: str
    credential_data: str
    created_at: datetime
    updated_at: datetime | None
    logged_in_at: datetime | None

    @classmethod
    def of(cls, key: WebauthnCredential) -> KeyOut:
        return cls(id=key.id, user_id=key.user_id, name=key.name, credential_data=key.credential_data,
                   created_at=key.created_at, updated_at=key.updated_at, logged_in_at=key.logged_in_at)


@define(kw_only=True)
class KeyLogin:
    successful: bool = required()
    webauthn_credential_id: UUID | None = optional()
