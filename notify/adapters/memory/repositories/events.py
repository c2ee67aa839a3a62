"""Recorded events and protected sender ids, in memory."""

from __future__ import annotations

from uuid import UUID

from notify.domain.event import Event

from .base import MemoryRepository


class InMemoryEventRepository(MemoryRepository[Event]):
    table_name = "events"

    def add(self, event: Event) -> None:
        self._insert(event.id, event, what="event")

    def get(self, event_id: UUID) -> Event:
        return self._get(event_id)


class InMemoryProtectedSenderIdRepository(MemoryRepository[bool]):
    table_name = "protected_sender_ids"

    def add(self, sender_id: str) -> None:
        self._session.put(self.table_name, sender_id, True)

    def is_protected(self, sender_id: str) -> bool:
        return sender_id in self._rows
