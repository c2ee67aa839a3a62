"""Users' security keys: where they are kept (domain.webauthn; another user's credential id is not found), and
the WebAuthn checks of a registration or a sign-in made with one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from attrs import frozen

from notify.domain.webauthn import WebauthnCredential


class WebauthnCredentialRepository(Protocol):
    def add(self, credential: WebauthnCredential) -> None: ...
    def update(self, credential: WebauthnCredential) -> None: ...  # WebauthnCredentialNotFound
    def remove(self, user_id: UUID, credential_id: UUID) -> None: ...  # WebauthnCredentialNotFound
    def get(self, user_id: UUID, credential_id: UUID) -> WebauthnCredential: ...  # WebauthnCredentialNotFound
    def list_for_user(self, user_id: UUID) -> Sequence[WebauthnCredential]: ...  # oldest first


@frozen
class RegisteredKey:
    """A verified registration in the form the admin app stores it (base64 CBOR, as Notify's)."""

    credential_data: str  # the attested credential data: credential id and public key
    registration_response: str  # clientDataJSON and attestationObject, kept for audit


class WebauthnVerifier(Protocol):
    """The WebAuthn ceremonies' checks. Responses are the browser's PublicKeyCredential as JSON (base64url
    fields); `challenge` is what the server gave the browser. Failures raise InvalidRequest."""

    def verify_registration(self, response: str, *, challenge: bytes, origin: str, rp_id: str) -> RegisteredKey: ...

    def verify_assertion(self, response: str, *, challenge: bytes, origin: str, rp_id: str,
                         credentials: Sequence[WebauthnCredential]) -> WebauthnCredential:
        """The stored credential that signed this sign-in."""
        ...

    def check_credential_data(self, credential_data: str) -> None:
        """InvalidRequest unless it holds a credential id and a public key sign-ins can be checked with."""
        ...
