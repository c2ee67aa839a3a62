"""Who is calling: the admin app (client id + shared secret) or a service (API key, see the public API)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from attrs import frozen

from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType
from notify.domain.errors import AuthenticationFailed, MissingCredentials, ServiceNotFound
from notify.domain.service import Service

from .app import Notify
from .cache import ServiceAndKeys

# Keys revoked less than this long ago still say "revoked"; older ones are simply "not found" (as Notify).
REVOKED_KEYS_KEPT_FOR = timedelta(days=7)


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
    refuse_replay(notify, notify.admin_client_id, token)
    return notify.admin_client_id


@frozen
class ServiceAuth:
    """Who is calling the public API: a service, with one of its API keys. Passed explicitly to use cases."""

    service: Service
    api_key: ApiKey

    @property
    def service_id(self) -> UUID:
        return self.service.id

    @property
    def key_type(self) -> KeyType:
        return self.api_key.key_type


def service_and_keys(notify: Notify, service_id: UUID) -> tuple[Service | None, Sequence[ApiKey]]:
    """The service and its usable keys, from the 2 s cache (one read per service per TTL per process)."""
    now = notify.clock.now()
    return notify.cache.get_or_load(ServiceAndKeys(service_id), now, _load_service_and_keys, notify, service_id, now)


def _load_service_and_keys(notify: Notify, service_id: UUID, now: datetime
                           ) -> tuple[Service | None, Sequence[ApiKey]]:
    with notify.uow() as uow:
        try:
            service = uow.services.get(service_id)
        except ServiceNotFound:
            return None, ()
        keys = [k for k in uow.api_keys.list_for_service(service_id)
                if k.expiry_date is None or now - k.expiry_date < REVOKED_KEYS_KEPT_FOR]
        return service, tuple(keys)


def authenticate_service(notify: Notify, authorization: str | None) -> ServiceAuth:
    """Notify's public-API check: Bearer JWT, iss = service id, signed with one of the service's key secrets,
    issued within 30 s. Raises MissingCredentials (401) / AuthenticationFailed (403) with Notify's messages."""
    token = bearer_token(authorization)
    issuer = notify.tokens.issuer(token)
    try:
        service_id = UUID(issuer)
    except (ValueError, AttributeError, TypeError):
        raise AuthenticationFailed("Invalid token: service id is not the right data type") from None
    service, keys = service_and_keys(notify, service_id)
    if service is None:
        raise AuthenticationFailed("Invalid token: service not found")
    if not keys:
        raise AuthenticationFailed("Invalid token: service has no API keys")
    if not service.active:
        raise AuthenticationFailed("Invalid token: service is archived")
    key = keys[notify.tokens.verify(token, [k.secret for k in keys], notify.clock.now())]
    if key.revoked:
        raise AuthenticationFailed("Invalid token: API key revoked")
    refuse_replay(notify, issuer, token)
    return ServiceAuth(service=service, api_key=key)


def authenticate_api_key(notify: Notify, service_id: UUID, key_id: UUID) -> ServiceAuth:
    """An in-process caller holding one of a service's keys (the embedding facade): the checks of
    `authenticate_service` that do not concern the token, with the same messages."""
    service, keys = service_and_keys(notify, service_id)
    if service is None:
        raise AuthenticationFailed("Invalid token: service not found")
    if not service.active:
        raise AuthenticationFailed("Invalid token: service is archived")
    for key in keys:
        if key.id == key_id:
            break
    else:
        raise AuthenticationFailed("Invalid token: API key not found")
    if key.revoked:
        raise AuthenticationFailed("Invalid token: API key revoked")
    return ServiceAuth(service=service, api_key=key)


def refuse_replay(notify: Notify, issuer: str, token: str) -> None:
    """A verified token that carries an id (`jti`) is accepted once: a copy sent again while it is still within
    its 30 s is refused. Tokens without an id (Notify's clients send none) are not checked, as in Notify."""
    if notify.used_tokens is None:
        return
    found = notify.tokens.token_id(token)
    if found is None:
        return
    token_id, expires_at = found
    # Hashed: a fixed-width key whatever the client put in `jti`, and one issuer's ids never meet another's.
    key = hashlib.sha256(f"{issuer}\x00{token_id}".encode("utf-8", "surrogatepass")).hexdigest()
    if not notify.used_tokens.first_use(key, expires_at=expires_at, now=notify.clock.now()):
        raise AuthenticationFailed("Invalid token: this token has already been used")
