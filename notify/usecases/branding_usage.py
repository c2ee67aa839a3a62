"""Who uses a branding: the active services and organisations that have it, so an admin can see what changing
or archiving it would touch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal
from uuid import UUID

from attrs import frozen

from .app import Notify


@frozen
class BrandingUsers:
    services: Sequence[tuple[UUID, str]]  # (id, name), by name
    organisations: Sequence[tuple[UUID, str]]


def branding_users(notify: Notify, kind: Literal["email", "letter"], branding_id: UUID) -> BrandingUsers:
    """An unknown branding simply has no users (as Notify answers)."""
    attribute = f"{kind}_branding_id"
    with notify.read_uow() as uow:
        services = [(s.id, s.name) for s in uow.services.list(only_active=True)
                    if getattr(s, attribute) == branding_id]
        organisations = [(o.id, o.name) for o in uow.organisations.list()
                         if o.active and getattr(o, attribute) == branding_id]
    return BrandingUsers(sorted(services, key=lambda s: s[1]), sorted(organisations, key=lambda o: o[1]))
