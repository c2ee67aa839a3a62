"""Users' security keys, in memory (the contract suite holds them to the SQL ones)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.webauthn import WebauthnCredential, WebauthnCredentialNotFound

from .base import MemoryRepository


class InMemoryWebauthnCredentialRepository(MemoryRepository[WebauthnCredential]):
    table_name = "webauthn_credential"
    not_found = WebauthnCredentialNotFound

    def add(self, credential: WebauthnCredential) -> None:
        self._insert(credential.id, credential, what="webauthn credential")

    def update(self, credential: WebauthnCredential) -> None:
        self.get(credential.user_id, credential.id)
        self._replace(credential.id, credential)

    def remove(self, user_id: UUID, credential_id: UUID) -> None:
        self.get(user_id, credential_id)
        self._session.delete(self.table_name, credential_id)

    def get(self, user_id: UUID, credential_id: UUID) -> WebauthnCredential:
        found = self._get(credential_id)
        if found.user_id != user_id:
            raise self.not_found()
        return found

    def list_for_user(self, user_id: UUID) -> Sequence[WebauthnCredential]:
        return sorted((c for c in self._rows.values() if c.user_id == user_id), key=lambda c: (c.created_at, c.id))
