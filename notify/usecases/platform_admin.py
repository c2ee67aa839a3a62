"""Platform-admin lookups: what a bare id names (a service, a user, a notification...), so an administrator
who pastes an id is taken to the right page."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from attrs import frozen

from notify.domain.errors import NotFound
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify


@frozen
class Found:
    type: str  # Notify's name for the kind of record
    service_id: UUID | None = None  # for records that belong to a service: where their page is


# Tried in Notify's order; a lookup answers None (or raises NotFound) when the id is not of its kind.
_LOOKUPS: tuple[tuple[str, bool, Callable[[UnitOfWork, UUID], object | None]], ...] = (
    ("organisation", False, lambda uow, i: uow.organisations.get(i)),
    ("service", False, lambda uow, i: uow.services.get(i)),
    ("notification", True, lambda uow, i: uow.notifications.find(i) or uow.notification_history.find(i)),
    ("email_branding", False, lambda uow, i: uow.email_branding.get(i)),
    ("letter_branding", False, lambda uow, i: uow.letter_branding.get(i)),
    ("user", False, lambda uow, i: uow.users.get(i)),
    ("provider", False, lambda uow, i: uow.providers.get(i)),
    ("job", True, lambda uow, i: uow.jobs.find(i)),
)


def find_by_uuid(notify: Notify, record_id: UUID) -> Found:
    """NotFound when no kind of record has this id."""
    with notify.read_uow() as uow:
        for kind, in_service, lookup in _LOOKUPS:
            try:
                record = lookup(uow, record_id)
            except NotFound:
                continue
            if record is not None:
                return Found(type=kind, service_id=getattr(record, "service_id") if in_service else None)
    raise NotFound()
