"""Who is calling: the admin app (client id + shared secret) or a service (API key, see the public API)."""

from __future__ import annotations

from notify.domain.errors import AuthenticationFailed, MissingCredentials

from .app import Notify


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive, as Notify's."""
    if not authorization:
        raise MissingCredentials("Unauthorized: authentication token must be provided")
    if authorization[:7].title() != "Bearer ":
        raise MissingCredentials("Unauthorized: authentication bearer scheme must be used")
    return authorization[7:]


class NotAllowed(MissingCredentials):
    """A valid-looking token from the wrong client (401, as Notify)."""


def authenticate_admin(notify: Notify, authorization: str | None) -> str:
    """Return the admin client id when the request is signed with a current admin secret."""
    token = bearer_token(authorization)
    if notify.tokens.issuer(token) != notify.admin_client_id:
        raise NotAllowed("Unauthorized: not allowed to perform this action")
    if not notify.admin_client_secrets:
        raise AuthenticationFailed("Invalid token: API key not found")
    notify.tokens.verify(token, notify.admin_client_secrets, notify.clock.now())
    return notify.admin_client_id
