"""Letters reported returned, in SQL: a unique index keeps one row per letter; a report naming a letter again
adds nothing (each row is written in its own SAVEPOINT, so a concurrent report of the same letter is skipped too)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.returned_letter import ReturnedLetter

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

RETURNED_LETTER = RowMap(ReturnedLetter)


class SqlAlchemyReturnedLetterRepository(SqlRepository[ReturnedLetter]):
    table, map = t.returned_letters, RETURNED_LETTER
    what = "returned letter"

    def add_new(self, letters: Sequence[ReturnedLetter]) -> int:
        r = self.table
        ids = [letter.notification_id for letter in letters]
        known = set(self._exec(sa.select(r.c.notification_id).where(r.c.notification_id.in_(ids))).scalars()) \
            if ids else set()
        added = 0
        for letter in letters:
            if letter.notification_id in known:
                continue
            try:
                self._insert(letter)
            except errors.AlreadyExists:
                continue
            known.add(letter.notification_id)
            added += 1
        return added

    def list_for_service(self, service_id: UUID, *, reported_at: date | None = None) -> Sequence[ReturnedLetter]:
        r = self.table
        statement = sa.select(r).where(r.c.service_id == service_id)
        if reported_at is not None:
            statement = statement.where(r.c.reported_at == reported_at)
        return self._all(statement.order_by(r.c.reported_at.desc(), r.c.created_at.desc(), r.c.id.desc()))
