"""In-memory contact lists (the contract suite holds them to the SQL store's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.contact_list import ContactList, ContactListNotFound

from .base import ServiceScopedRepository


class InMemoryContactListRepository(ServiceScopedRepository[ContactList]):
    table_name = "service_contact_list"
    not_found = ContactListNotFound

    def add(self, contact_list: ContactList) -> None:
        self._insert(contact_list.id, contact_list, what="contact list")

    def update(self, contact_list: ContactList) -> None:
        self._replace_for(contact_list.service_id, contact_list.id, contact_list)

    def get(self, service_id: UUID, contact_list_id: UUID) -> ContactList:
        return self._get_for(service_id, contact_list_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ContactList]:
        found = sorted((c for c in self._rows.values() if c.service_id == service_id and not c.archived),
                       key=lambda c: c.id)
        return sorted(found, key=lambda c: c.created_at, reverse=True)
