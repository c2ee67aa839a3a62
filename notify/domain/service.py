"""The Service aggregate: a team that sends notifications, its permissions, limits and trial mode."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, field, frozen

from .constants import (
    DEFAULT_INTERNATIONAL_SMS_LIMIT,
    DEFAULT_MESSAGE_LIMIT,
    DEFAULT_RATE_LIMIT,
    GuestListRecipientType,
)
from .sets import frozen_ids, frozen_strings


@frozen(kw_only=True)
class Service:
    id: UUID
    name: str
    created_by: UUID
    created_at: datetime
    active: bool = True
    restricted: bool = True  # trial mode
    updated_at: datetime | None = None
    version: int = 1
    rate_limit: int = DEFAULT_RATE_LIMIT
    sms_message_limit: int = DEFAULT_MESSAGE_LIMIT
    email_message_limit: int = DEFAULT_MESSAGE_LIMIT
    letter_message_limit: int = DEFAULT_MESSAGE_LIMIT
    international_sms_message_limit: int = DEFAULT_INTERNATIONAL_SMS_LIMIT
    organisation_id: UUID | None = None
    organisation_type: str | None = None
    count_as_live: bool = True
    prefix_sms: bool = True
    email_sender_local_part: str | None = None
    custom_email_sender_name: str | None = None
    email_branding_id: UUID | None = None
    letter_branding_id: UUID | None = None
    contact_link: str | None = None
    billing_contact_email_addresses: str | None = None
    billing_contact_names: str | None = None
    billing_reference: str | None = None
    purchase_order_number: str | None = None
    notes: str | None = None
    consent_to_research: bool | None = None
    go_live_at: datetime | None = None
    go_live_user_id: UUID | None = None
    volume_email: int | None = None
    volume_sms: int | None = None
    volume_letter: int | None = None
    permissions: frozenset[str] = field(factory=frozenset, converter=frozen_strings)

    @property
    def sms_prefix(self) -> str | None:
        """What its text messages start with ("<name>: "), or None when the service turned the prefix off."""
        return self.name if self.prefix_sms else None

    @property
    def is_live(self) -> bool:
        """Live as Notify counts it: active, out of trial mode, and not marked as not counting."""
        return self.active and not self.restricted and self.count_as_live

    @property
    def asked_to_go_live(self) -> bool:
        """An open request to go live: a trial service naming who asked (as Notify keeps it)."""
        return self.restricted and self.go_live_user_id is not None

    def changed(self, *, now: datetime, **changes: object) -> Service:
        """A new version of this service with `changes` applied (history keeps every version)."""
        return evolve(self, **changes, version=self.version + 1, updated_at=now)  # type: ignore[arg-type]

    def archived(self, *, now: datetime) -> Service:
        """Notify's archive: inactive and renamed so the name can be used again. Idempotent."""
        if not self.active:
            return self
        stamp = now.strftime("%Y-%m-%d-%H:%M:%S")
        changes: dict[str, object] = {"active": False, "name": f"_archived_{stamp}_{self.name}"}
        if self.email_sender_local_part:
            changes["email_sender_local_part"] = f"_archived_{stamp}_{self.email_sender_local_part}"
        return self.changed(now=now, **changes)

    def has_permission(self, permission: str) -> bool:
        return permission in self.permissions


def email_local_part(name: str) -> str:
    """The sender local part Notify derives from a service name ('My Service' -> 'my.service')."""
    kept = "".join(c if c.isalnum() or c in " .-_" else "" for c in name.lower())
    return ".".join(part for part in kept.replace("-", " ").replace("_", " ").split()) or "service"


@frozen(kw_only=True)
class GuestListEntry:
    """A recipient a trial-mode service may send to (Notify's `service_whitelist`)."""

    id: UUID
    service_id: UUID
    recipient_type: GuestListRecipientType
    recipient: str
    created_at: datetime


@frozen(kw_only=True)
class ServiceUser:
    """A user's membership of a service, with permissions there and the folders they may see."""

    service_id: UUID
    user_id: UUID
    permissions: frozenset[str] = field(factory=frozenset, converter=frozen_strings)
    folder_permissions: frozenset[UUID] = field(factory=frozenset, converter=frozen_ids)
    created_at: datetime | None = None
