"""Providers: what may be changed (priority, active, stored credentials) and how a provider and its versions
are shown (a credential's name, never its value)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import attrs
from attrs import define

from notify.domain.constants import NotificationType
from notify.domain.errors import ValidationFailed
from notify.usecases.providers import ProviderView

from .fields import Changes, optional

CHANGEABLE = ("priority", "active")
ACCEPTED = ("created_by", "reason", "credentials")  # Notify's admin app sends the first two alongside a change


@define(kw_only=True)
class UpdateProvider(Changes):
    priority: int = optional(minimum=0)
    active: bool = optional()
    created_by: UUID | None = optional()
    reason: str | None = optional()  # accepted as Notify's admin app sends it; not stored yet
    # {"password": "...", "user": null}: set (a string) or remove (null) stored credentials, by name
    # (domain.provider_credentials says which each provider takes); the others are kept.
    credentials: dict[str, Any] = optional()

    def provider_changes(self) -> dict[str, Any]:
        return {name: value for name, value in self.changed().items() if name in CHANGEABLE}

    def credential_changes(self) -> dict[str, Any] | None:
        return self.credentials if "credentials" in self.given else None


def only_changeable(data: dict[str, Any]) -> None:
    """Any other field of a provider is refused in Notify's words (not as an unknown field)."""
    refused = sorted(set(data) - set(CHANGEABLE) - set(ACCEPTED))
    if refused:
        raise ValidationFailed({name: ["Not permitted to be updated"] for name in refused})


@define(kw_only=True)
class ProviderOut:
    id: UUID
    display_name: str
    identifier: str
    priority: int
    notification_type: NotificationType
    active: bool
    updated_at: datetime | None
    supports_international: bool
    created_by_name: str | None
    reason: str | None
    current_month_billable_sms: int
    # Failover moved this provider behind the others (its recent sends failed) until then; null: it is not.
    demoted_until: datetime | None = None
    # Whether credentials are stored for it (they win over the environment), and which: never their values.
    credentials_set: bool = False
    credentials_fields: list[str] = attrs.field(factory=list)

    @classmethod
    def of(cls, view: ProviderView) -> ProviderOut:
        p = view.provider
        return cls(id=p.id, display_name=p.display_name, identifier=p.identifier, priority=p.priority,
                   notification_type=p.notification_type, active=p.active, updated_at=p.updated_at,
                   supports_international=p.supports_international,
                   created_by_name=view.created_by.name if view.created_by else None, reason=None,
                   current_month_billable_sms=0, demoted_until=view.demoted_until,
                   credentials_set=bool(view.credentials_set), credentials_fields=list(view.credentials_set))


@define(kw_only=True)
class UserRef:
    id: UUID
    name: str | None
    email_address: str | None


@define(kw_only=True)
class ProviderVersionOut(ProviderOut):
    version: int
    created_by: UserRef | None

    @classmethod
    def of(cls, view: ProviderView) -> ProviderVersionOut:
        user = view.created_by
        return cls(**attrs.asdict(ProviderOut.of(view), recurse=False), version=view.provider.version,
                   created_by=None if user is None else UserRef(id=user.id, name=user.name,
                                                                email_address=user.email_address))


@define(kw_only=True)
class ProviderList:
    provider_details: list[ProviderOut]


@define(kw_only=True)
class ProviderItem:
    provider_details: ProviderOut
