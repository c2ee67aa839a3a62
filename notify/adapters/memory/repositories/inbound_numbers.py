"""The inbound number pool, in memory (the contract suite holds it to the SQL one's behaviour)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from uuid import UUID

from notify.domain.inbound_number import InboundNumber, InboundNumberNotFound

from .base import MemoryRepository


def _clash(number: InboundNumber) -> Callable[[InboundNumber], bool]:
    """The SQL unique rules: a number is in the pool once; a service holds at most one."""
    def clashes(other: InboundNumber) -> bool:
        return other.id != number.id and (other.number == number.number or (
            number.service_id is not None and other.service_id == number.service_id))
    return clashes


class InMemoryInboundNumberRepository(MemoryRepository[InboundNumber]):
    table_name = "inbound_numbers"
    not_found = InboundNumberNotFound

    def add(self, number: InboundNumber) -> None:
        self._insert(number.id, number, _clash(number), "inbound number")

    def update(self, number: InboundNumber) -> None:
        self._replace(number.id, number, _clash(number))

    def get(self, number_id: UUID) -> InboundNumber:
        return self._get(number_id)

    def list_all(self) -> Sequence[InboundNumber]:
        return sorted(self._rows.values(), key=lambda n: n.number)

    def list_available(self) -> Sequence[InboundNumber]:
        return [n for n in self.list_all() if n.available]

    def for_service(self, service_id: UUID) -> InboundNumber | None:
        return next((n for n in self._rows.values() if n.service_id == service_id), None)

    def find_by_number(self, spellings: Collection[str]) -> InboundNumber | None:
        return next((n for n in self.list_all() if n.number in spellings), None)

    def give_to_service(self, number_id: UUID, service_id: UUID, *, now: datetime) -> InboundNumber | None:
        current = self._rows.get(number_id)
        if current is None or not current.available or self.for_service(service_id) is not None:
            return None
        given = current.given_to(service_id, now=now)
        self._session.put(self.table_name, number_id, given)
        return given
