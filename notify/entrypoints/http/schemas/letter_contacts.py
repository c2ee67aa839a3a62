"""Letter contact blocks: what the admin app sends and what it reads back."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.letter_contact import ServiceLetterContact
from notify.usecases.letter_contacts import MAX_CONTACT_BLOCK_LENGTH

from .fields import required


@define(kw_only=True)
class LetterContactFields:
    contact_block: str = required(max_length=MAX_CONTACT_BLOCK_LENGTH, not_blank=True)
    is_default: bool = required()


@define(kw_only=True)
class LetterContactOut:
    id: UUID
    service_id: UUID
    contact_block: str
    is_default: bool
    archived: bool
    created_at: datetime
    updated_at: datetime | None

    @classmethod
    def of(cls, c: ServiceLetterContact) -> LetterContactOut:
        return cls(id=c.id, service_id=c.service_id, contact_block=c.contact_block, is_default=c.is_default,
                   archived=c.archived, created_at=c.created_at, updated_at=c.updated_at)
