"""Letters reported returned, in memory (the contract suite holds it to the SQL one's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from notify.domain.returned_letter import ReturnedLetter

from .base import MemoryRepository


class InMemoryReturnedLetterRepository(MemoryRepository[ReturnedLetter]):
    table_name = "returned_letters"

    def add_new(self, letters: Sequence[ReturnedLetter]) -> int:
        known = {r.notification_id for r in self._rows.values()}
        added = 0
        for letter in letters:
            if letter.notification_id not in known:
                self._insert(letter.id, letter, what="returned letter")
                known.add(letter.notification_id)
                added += 1
        return added

    def list_for_service(self, service_id: UUID, *, reported_at: date | None = None) -> Sequence[ReturnedLetter]:
        return sorted((r for r in self._rows.values() if r.service_id == service_id
                       and (reported_at is None or r.reported_at == reported_at)),
                      key=lambda r: (r.reported_at, r.created_at, r.id), reverse=True)
