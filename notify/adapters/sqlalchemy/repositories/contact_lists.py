"""Contact lists in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.contact_list import ContactList, ContactListNotFound

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

CONTACT_LIST = RowMap(ContactList)


class SqlAlchemyContactListRepository(SqlRepository[ContactList]):
    table, map = t.service_contact_list, CONTACT_LIST
    not_found = ContactListNotFound
    what = "contact list"

    def add(self, contact_list: ContactList) -> None:
        self._insert(contact_list)

    def update(self, contact_list: ContactList) -> None:
        self._update_unguarded(contact_list.id, contact_list, self.table.c.service_id == contact_list.service_id)

    def get(self, service_id: UUID, contact_list_id: UUID) -> ContactList:
        return self._get_by_id(contact_list_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ContactList]:
        c = self.table
        return self._all(sa.select(c).where(c.c.service_id == service_id, c.c.archived.is_(False))
                         .order_by(c.c.created_at.desc(), c.c.id))
