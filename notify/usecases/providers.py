"""Provider details: which SMS, email and letter providers are used and in what share (by priority).
Every change writes a new version to the history."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.constants import NotificationType
from notify.domain.provider import ProviderDetails
from notify.domain.provider_credentials import changed_credentials
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .provider_health import demoted_until

log = logging.getLogger("notify.providers")


@frozen
class ProviderSpec:
    identifier: str
    display_name: str
    notification_type: NotificationType
    priority: int
    supports_international: bool = False


# Used when the composition root registered no provider adapters (our own names, never Notify's suppliers').
DEFAULT_PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec("fake-sms-1", "Fake SMS 1", NotificationType.SMS, 50, True),
    ProviderSpec("fake-sms-2", "Fake SMS 2", NotificationType.SMS, 50, True),
    ProviderSpec("fake-email", "Fake email", NotificationType.EMAIL, 100),
    ProviderSpec("fake-letter", "Fake letter", NotificationType.LETTER, 100),
)


@frozen
class ProviderView:
    provider: ProviderDetails
    created_by: User | None
    demoted_until: datetime | None = None  # failover moved it behind the others until then (provider_health)
    credentials_set: tuple[str, ...] = ()  # the names of its stored credentials, never their values


def default_specs(notify: Notify) -> tuple[ProviderSpec, ...]:
    """One spec per provider adapter on `notify` (named as the adapter, so delivery can find it), SMS traffic
    shared evenly; DEFAULT_PROVIDERS when there are no adapters at all."""
    specs: list[ProviderSpec] = []
    for kind, adapters in ((NotificationType.SMS, notify.sms_providers),
                           (NotificationType.EMAIL, notify.email_providers),
                           (NotificationType.LETTER, notify.letter_providers)):
        names = [a.name for a in adapters]
        for i, name in enumerate(names):
            share = 100 // len(names) + (1 if i < 100 % len(names) else 0)
            specs.append(ProviderSpec(name, _display(name), kind, share, kind is NotificationType.SMS))
    return tuple(specs) or DEFAULT_PROVIDERS


def ensure_default_providers(notify: Notify, specs: Sequence[ProviderSpec] | None = None
                             ) -> Sequence[ProviderDetails]:
    """Add a provider row for every spec whose identifier is not stored yet (idempotent: rows an admin has
    changed are left alone). Call once at start-up. Returns every provider."""
    wanted = default_specs(notify) if specs is None else specs
    with notify.uow() as uow:
        known = {p.identifier for p in uow.providers.list()}
        for spec in wanted:
            if spec.identifier in known:
                continue
            try:
                uow.providers.add(ProviderDetails(
                    id=notify.ids.new(), identifier=spec.identifier, display_name=spec.display_name,
                    notification_type=spec.notification_type, priority=spec.priority, active=True,
                    supports_international=spec.supports_international, updated_at=notify.clock.now()))
            except errors.AlreadyExists:
                pass  # another process starting at the same moment added it first
            known.add(spec.identifier)
        uow.commit()
        return uow.providers.list()


def list_providers(notify: Notify) -> Sequence[ProviderView]:
    now = notify.clock.now()
    with notify.uow() as uow:
        found = uow.providers.list()
        users = _users(uow, found)
        stored = uow.providers.credentials()
        return [ProviderView(p, users.get(p.created_by_id), demoted_until(uow, p.identifier, now=now),  # type: ignore[arg-type]
                             _names(stored.get(p.id)))
                for p in found]


def get_provider(notify: Notify, provider_id: UUID) -> ProviderView:
    with notify.uow() as uow:
        provider = uow.providers.get(provider_id)
        return ProviderView(provider, _users(uow, [provider]).get(provider.created_by_id),  # type: ignore[arg-type]
                            demoted_until(uow, provider.identifier, now=notify.clock.now()),
                            _names(uow.providers.credentials().get(provider.id)))


def provider_versions(notify: Notify, provider_id: UUID, *, limit: int = 100) -> Sequence[ProviderView]:
    """The newest `limit` versions, newest first."""
    with notify.uow() as uow:
        uow.providers.get(provider_id)
        found = list(uow.providers.versions(provider_id))[:limit]
        users = _users(uow, found)
        return [ProviderView(p, users.get(p.created_by_id)) for p in found]  # type: ignore[arg-type]


def update_provider(notify: Notify, provider_id: UUID, *, created_by: UUID | None = None,
                    credentials: Mapping[str, str | None] | None = None, **changes: Any) -> ProviderView:
    """Change `priority` and/or `active` (each change is a new version; no change, no version), and/or set or
    remove (None) stored `credentials` (domain.provider_credentials; not versioned, never returned)."""
    unknown = set(changes) - {"priority", "active"}
    if unknown:
        raise errors.ValidationFailed({name: ["Not permitted to be updated"] for name in sorted(unknown)})
    with notify.uow() as uow:
        provider = uow.providers.get(provider_id)
        user = None
        if created_by is not None:
            try:
                user = uow.users.get(created_by)
            except errors.UserNotFound:
                raise errors.InvalidRequest(f"No user found with id {created_by}", field="created_by") from None
        stored = dict(uow.providers.credentials().get(provider.id) or {})
        if credentials is not None:
            wanted = changed_credentials(provider.identifier, stored, credentials)
            if wanted != stored:
                uow.providers.set_credentials(provider.id, wanted)
                stored = wanted
        if not all(getattr(provider, key) == value for key, value in changes.items()):
            provider = provider.changed(now=notify.clock.now(), created_by_id=created_by, **changes)
            uow.providers.update(provider)
        else:
            user = _users(uow, [provider]).get(provider.created_by_id)  # type: ignore[arg-type]
        uow.commit()
    if credentials is not None:
        notify.credentials_changed()
    return ProviderView(provider, user, credentials_set=_names(stored))


def stored_credentials(notify: Notify) -> dict[str, dict[str, str]]:
    """Every provider's stored credentials, by identifier (for the composition root's provider adapters)."""
    with notify.uow() as uow:
        by_id = uow.providers.credentials()
        return {p.identifier: dict(by_id[p.id]) for p in uow.providers.list() if p.id in by_id}


class CredentialLookup:
    """The stored credentials as this process last read them, read again at most every `ttl` seconds, and at
    once after this process changed them: provider adapters ask on every call, and take a change without a
    restart (within `ttl` in other processes)."""

    def __init__(self, notify: Notify, ttl: float = 30.0) -> None:
        self._notify = notify
        self._ttl = timedelta(seconds=ttl)
        self._lock = threading.Lock()
        self._read_at: datetime | None = None
        self._stored: dict[str, dict[str, str]] = {}

    def __call__(self, identifier: str) -> Mapping[str, str]:
        now = self._notify.clock.now()
        with self._lock:
            if self._read_at is None or now - self._read_at >= self._ttl:
                try:
                    self._stored = stored_credentials(self._notify)
                except errors.StoreUnavailable:
                    log.warning("stored provider credentials could not be read: using those read before")
                self._read_at = now
            return self._stored.get(identifier, {})

    def forget(self) -> None:
        with self._lock:
            self._read_at = None


def _names(credentials: Mapping[str, str] | None) -> tuple[str, ...]:
    return tuple(sorted(credentials or ()))


def _display(name: str) -> str:
    return name.replace("-", " ").replace("_", " ").capitalize()


def _users(uow: UnitOfWork, providers: Sequence[ProviderDetails]) -> dict[UUID, User]:
    ids = list({p.created_by_id for p in providers if p.created_by_id is not None})
    return {u.id: u for u in uow.users.list(ids)} if ids else {}
