"""In-memory letter contact blocks (the contract suite holds it to the SQL one's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.letter_contact import ServiceLetterContact

from .base import ServiceScopedRepository, both_live_defaults


class InMemoryLetterContactRepository(ServiceScopedRepository[ServiceLetterContact]):
    table_name = "service_letter_contacts"
    not_found = errors.LetterContactNotFound

    def add(self, contact: ServiceLetterContact) -> None:
        self._insert(contact.id, contact, lambda other: both_live_defaults(contact, other), "letter contact")

    def update(self, contact: ServiceLetterContact) -> None:
        self._replace(contact.id, contact, lambda other: both_live_defaults(contact, other))

    def get(self, service_id: UUID, contact_id: UUID) -> ServiceLetterContact:
        return self._get_for(service_id, contact_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceLetterContact]:
        rows = sorted((c for c in self._rows.values() if c.service_id == service_id and not c.archived),
                      key=lambda c: c.id)
        rows.sort(key=lambda c: c.created_at, reverse=True)  # stable: ties stay in id order
        rows.sort(key=lambda c: not c.is_default)
        return rows
