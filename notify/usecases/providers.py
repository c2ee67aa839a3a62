"""Provider details: which SMS, email and letter providers are used and in what share (by priority).
Every change writes a new version to the history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.constants import NotificationType
from notify.domain.provider import ProviderDetails
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .provider_health import demoted_until


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
        return [ProviderView(p, users.get(p.created_by_id), demoted_until(uow, p.identifier, now=now))  # type: ignore[arg-type]
                for p in found]


def get_provider(notify: Notify, provider_id: UUID) -> ProviderView:
    with notify.uow() as uow:
        provider = uow.providers.get(provider_id)
        return ProviderView(provider, _users(uow, [provider]).get(provider.created_by_id),  # type: ignore[arg-type]
                            demoted_until(uow, provider.identifier, now=notify.clock.now()))


def provider_versions(notify: Notify, provider_id: UUID, *, limit: int = 100) -> Sequence[ProviderView]:
    """The newest `limit` versions, newest first."""
    with notify.uow() as uow:
        uow.providers.get(provider_id)
        found = list(uow.providers.versions(provider_id))[:limit]
        users = _users(uow, found)
        return [ProviderView(p, users.get(p.created_by_id)) for p in found]  # type: ignore[arg-type]


def update_provider(notify: Notify, provider_id: UUID, *, created_by: UUID | None = None,
                    **changes: Any) -> ProviderView:
    """Change `priority` and/or `active`; each change is a new version. No change, no version."""
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
        if all(getattr(provider, key) == value for key, value in changes.items()):
            return ProviderView(provider, _users(uow, [provider]).get(provider.created_by_id))  # type: ignore[arg-type]
        updated = provider.changed(now=notify.clock.now(), created_by_id=created_by, **changes)
        uow.providers.update(updated)
        uow.commit()
    return ProviderView(updated, user)


def _display(name: str) -> str:
    return name.replace("-", " ").replace("_", " ").capitalize()


def _users(uow: UnitOfWork, providers: Sequence[ProviderDetails]) -> dict[UUID, User]:
    ids = list({p.created_by_id for p in providers if p.created_by_id is not None})
    return {u.id: u for u in uow.users.list(ids)} if ids else {}
