"""The inbound number pool in SQL: unique indexes keep each number once and one per service; a number is given
to a service by a conditional UPDATE, so two services asking at once never share one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.inbound_number import InboundNumber, InboundNumberNotFound

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

INBOUND_NUMBER = RowMap(InboundNumber)


class SqlAlchemyInboundNumberRepository(SqlRepository[InboundNumber]):
    table, map = t.inbound_numbers, INBOUND_NUMBER
    not_found = InboundNumberNotFound
    what = "inbound number"

    def add(self, number: InboundNumber) -> None:
        self._insert(number)

    def update(self, number: InboundNumber) -> None:
        self._replace(number.id, number)

    def get(self, number_id: UUID) -> InboundNumber:
        return self._get_by_id(number_id)

    def list_all(self) -> Sequence[InboundNumber]:
        return self._all(sa.select(self.table).order_by(self.table.c.number))

    def list_available(self) -> Sequence[InboundNumber]:
        n = self.table
        return self._all(sa.select(n).where(n.c.active.is_(True), n.c.service_id.is_(None)).order_by(n.c.number))

    def for_service(self, service_id: UUID) -> InboundNumber | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.service_id == service_id))

    def find_by_number(self, spellings: Collection[str]) -> InboundNumber | None:
        n = self.table
        return self._one_or_none(sa.select(n).where(n.c.number.in_(list(spellings))).order_by(n.c.number).limit(1))

    def give_to_service(self, number_id: UUID, service_id: UUID, *, now: datetime) -> InboundNumber | None:
        n = self.table
        try:
            with self._session.savepoint():
                result = self._exec(sa.update(n).where(n.c.id == number_id, n.c.active.is_(True),
                                                       n.c.service_id.is_(None))
                                    .values(service_id=service_id, updated_at=now))
        except errors.AlreadyExists:  # the service holds one already
            return None
        return self.get(number_id) if result.rowcount else None
