"""Letter contact blocks in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.letter_contact import ServiceLetterContact

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

LETTER_CONTACT = RowMap(ServiceLetterContact)


class SqlAlchemyLetterContactRepository(SqlRepository[ServiceLetterContact]):
    table, map = t.service_letter_contacts, LETTER_CONTACT
    not_found = errors.LetterContactNotFound
    what = "letter contact"

    def add(self, contact: ServiceLetterContact) -> None:
        self._insert(contact)

    def update(self, contact: ServiceLetterContact) -> None:
        self._replace(contact.id, contact)

    def get(self, service_id: UUID, contact_id: UUID) -> ServiceLetterContact:
        return self._get_by_id(contact_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceLetterContact]:
        c = self.table
        return self._all(sa.select(c).where(c.c.service_id == service_id, c.c.archived.is_(False))
                         .order_by(c.c.is_default.desc(), c.c.created_at.desc(), c.c.id))
