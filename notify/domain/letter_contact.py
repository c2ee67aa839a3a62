"""Letter contact blocks: the service's address and contact details printed at the top right of its letters.

Unlike text message senders and email reply-to addresses, a service may have none, and none may be the
default: a letter then has no contact block. Making one the default unsets the others."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

CONTACT_BLOCK_MAX_LINES = 10  # what fits beside the address window


@frozen(kw_only=True)
class ServiceLetterContact:
    id: UUID
    service_id: UUID
    contact_block: str
    is_default: bool
    created_at: datetime
    archived: bool = False
    updated_at: datetime | None = None

    def changed(self, *, now: datetime, **changes: object) -> ServiceLetterContact:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]


def default_contact(contacts: Iterable[ServiceLetterContact]) -> ServiceLetterContact | None:
    return next((c for c in contacts if c.is_default and not c.archived), None)
