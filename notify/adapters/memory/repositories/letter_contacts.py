"""In-memory letter contact blocks (the contract suite holds it to the SQL one's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.letter_contact import ServiceLetterContact

from .base import ServiceScopedRepository, both_live_defaults, live_for_service


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
        return live_for_service(self._rows.values(), service_id)
