"""Where users' security keys are kept (domain.webauthn); another user's credential id is not found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.webauthn import WebauthnCredential


class WebauthnCredentialRepository(Protocol):
    def add(self, credential: WebauthnCredential) -> None: ...
    def update(self, credential: WebauthnCredential) -> None: ...  # WebauthnCredentialNotFound
    def remove(self, user_id: UUID, credential_id: UUID) -> None: ...  # WebauthnCredentialNotFound
    def get(self, user_id: UUID, credential_id: UUID) -> WebauthnCredential: ...  # WebauthnCredentialNotFound
    def list_for_user(self, user_id: UUID) -> Sequence[WebauthnCredential]: ...  # oldest first
