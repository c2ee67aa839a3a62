"""Security keys (WebAuthn credentials) a user signs in with. The admin app runs the browser ceremony and
hands over what it verified: `credential_data` (the credential id and public key, base64 CBOR, used to check
later sign-ins) and `registration_response` (kept for audit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import AuthType
from .errors import InvalidRequest, NotFound
from .user import User

MAX_FAILED_WEBAUTHN_LOGINS = 5  # Notify's verify-code count: past it a key sign-in is refused outright
LAST_KEY = "Cannot delete last remaining webauthn credential for user"


class WebauthnCredentialNotFound(NotFound): ...


@frozen(kw_only=True)
class WebauthnCredential:
    id: UUID
    user_id: UUID
    name: str
    credential_data: str
    registration_response: str
    created_at: datetime
    updated_at: datetime | None = None
    logged_in_at: datetime | None = None

    def renamed(self, name: str, *, now: datetime) -> WebauthnCredential:
        return evolve(self, name=name, updated_at=now)

    def signed_in_with(self, *, now: datetime) -> WebauthnCredential:
        return evolve(self, logged_in_at=now)


def check_removable(user: User, credentials: Sequence[WebauthnCredential]) -> None:
    """A user who signs in with a security key keeps at least one."""
    if user.auth_type is AuthType.WEBAUTHN and len(credentials) <= 1:
        raise InvalidRequest(LAST_KEY)
