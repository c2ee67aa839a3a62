"""Where a service's contact lists (an uploaded spreadsheet's metadata) are kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.contact_list import ContactList


class ContactListRepository(Protocol):
    """Scoped to a service: another service's list id is ContactListNotFound."""

    def add(self, contact_list: ContactList) -> None: ...  # AlreadyExists for a known id
    def update(self, contact_list: ContactList) -> None: ...
    def get(self, service_id: UUID, contact_list_id: UUID) -> ContactList: ...  # archived ones too
    def list_for_service(self, service_id: UUID) -> Sequence[ContactList]: ...  # not archived, newest first
