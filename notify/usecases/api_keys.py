"""API keys: create (the secret is shown once), list, revoke. Keys are versioned: create v1, revoke v2."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from uuid import UUID

from notify.domain import errors
from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType

from .app import Notify

# Revoked keys stay in the service's list this long (as Notify), then only in its history.
REVOKED_KEYS_LISTED_FOR = timedelta(days=7)


def create_api_key(notify: Notify, service_id: UUID, *, name: str, key_type: KeyType, created_by: UUID) -> ApiKey:
    """A new key; its `secret` is returned here and never shown again."""
    key = ApiKey(id=notify.ids.new(), service_id=service_id, name=name, secret=notify.secrets.new_secret(),
                 key_type=key_type, created_at=notify.clock.now(), created_by=created_by)
    with notify.uow() as uow:
        uow.services.get(service_id)
        try:
            uow.users.get(created_by)
        except errors.UserNotFound:
            raise errors.InvalidRequest(f"No user found with id {created_by}", field="created_by") from None
        if any(k.name == name and not k.revoked for k in uow.api_keys.list_for_service(service_id)):
            raise errors.InvalidRequest("An API key with this name already exists", field="name")
        uow.api_keys.add(key)
        uow.commit()
    notify.cache.forget_service(service_id)
    return key


def list_api_keys(notify: Notify, service_id: UUID) -> Sequence[ApiKey]:
    """The service's keys, live ones and those revoked in the last 7 days."""
    now = notify.clock.now()
    with notify.uow() as uow:
        uow.services.get(service_id)
        return [k for k in uow.api_keys.list_for_service(service_id)
                if k.expiry_date is None or now - k.expiry_date < REVOKED_KEYS_LISTED_FOR]


def get_api_key(notify: Notify, service_id: UUID, key_id: UUID) -> ApiKey:
    """One live key; a revoked or unknown one is 'not found' (Notify's message names the service)."""
    with notify.uow() as uow:
        uow.services.get(service_id)
        try:
            key = uow.api_keys.get(service_id, key_id)
        except errors.ApiKeyNotFound:
            key = None
        if key is None or key.revoked:
            raise errors.ApiKeyNotFound(f"API key not found for id: {service_id}")
        return key


def revoke_api_key(notify: Notify, service_id: UUID, key_id: UUID, *, by: UUID | None = None) -> ApiKey:
    """Set the key's expiry to now (a new version). It stops authenticating at once. Idempotent."""
    with notify.uow() as uow:
        uow.services.get(service_id)
        key = uow.api_keys.get(service_id, key_id)
        if key.revoked:
            return key
        revoked = key.revoke(now=notify.clock.now(), by=by)
        uow.api_keys.update(revoked)
        uow.commit()
    notify.cache.forget_service(service_id)  # the auth cache: refuse the key from now on
    return revoked
