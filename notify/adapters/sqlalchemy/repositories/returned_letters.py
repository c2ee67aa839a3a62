"""Letters reported returned, in SQL: a unique index keeps one row per letter; a report naming a letter again
adds nothing (one INSERT … ON CONFLICT (notification_id) DO NOTHING for the whole report, so a concurrent report
of the same letter is skipped too)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

import sqlalchemy as sa

from notify.domain.returned_letter import ReturnedLetter

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

RETURNED_LETTER = RowMap(ReturnedLetter)


class SqlAlchemyReturnedLetterRepository(SqlRepository[ReturnedLetter]):
    table, map = t.returned_letters, RETURNED_LETTER
    what = "returned letter"

    def add_new(self, letters: Sequence[ReturnedLetter]) -> int:
        if not letters:
            return 0
        r = self.table
        statement = self._session.dialect.insert(r).on_conflict_do_nothing(
            index_elements=[r.c.notification_id]).returning(r.c.id)
        first: dict[UUID, ReturnedLetter] = {}
        for letter in letters:  # a letter named twice in one report: the first row
            first.setdefault(letter.notification_id, letter)
        return len(self._exec(statement, [self._row(letter) for letter in first.values()]).all())

    def list_for_service(self, service_id: UUID, *, reported_at: date | None = None) -> Sequence[ReturnedLetter]:
        r = self.table
        statement = sa.select(r).where(r.c.service_id == service_id)
        if reported_at is not None:
            statement = statement.where(r.c.reported_at == reported_at)
        return self._all(statement.order_by(r.c.reported_at.desc(), r.c.created_at.desc(), r.c.id.desc()))
