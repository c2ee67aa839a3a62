"""Recorded events and protected sender ids, in SQL."""

from __future__ import annotations

from uuid import UUID

import sqlalchemy as sa

from notify.domain.event import Event

from .. import tables as t
from ..rows import RowMap
from ..session import Session
from .base import SqlRepository

EVENT = RowMap(Event)


class SqlAlchemyEventRepository(SqlRepository[Event]):
    table, map = t.events, EVENT
    what = "event"

    def add(self, event: Event) -> None:
        self._insert(event)

    def get(self, event_id: UUID) -> Event:
        return self._get_by_id(event_id)


class SqlAlchemyProtectedSenderIdRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, sender_id: str) -> None:
        if not self.is_protected(sender_id):
            self._session.execute(sa.insert(t.protected_sender_ids), {"sender_id": sender_id},
                                  what="protected sender id")

    def is_protected(self, sender_id: str) -> bool:
        found = self._session.execute(sa.select(t.protected_sender_ids.c.sender_id).where(
            t.protected_sender_ids.c.sender_id == sender_id), what="protected sender id").first()
        return found is not None
