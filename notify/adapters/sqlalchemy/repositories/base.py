"""What every SQL repository shares: reading rows into domain objects, insert and replace by id, and the
versioned aggregates' current-plus-history writes.

Each repository behaves exactly as its in-memory twin (the contract suite runs both): same errors, same
ordering. Writes that may break a unique rule run in a SAVEPOINT, so a refused write leaves the transaction
usable, as it does in memory. Versioned aggregates update with `WHERE version = new - 1`: a concurrent
writer finds no row and gets ConcurrentUpdate, never a lost version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar
from uuid import UUID

import sqlalchemy as sa
from attrs import AttrsInstance

from notify.domain import errors

from ..rows import RowMap
from ..session import Session

T = TypeVar("T", bound=AttrsInstance)


class SqlRepository(Generic[T]):
    table: sa.Table
    map: RowMap[T]
    not_found: type[errors.NotFound] = errors.NotFound
    what = "record"

    def __init__(self, session: Session) -> None:
        self._session = session

    def _exec(self, statement: sa.Executable, params: Any = None) -> sa.CursorResult[Any]:
        return self._session.execute(statement, params, what=self.what)

    def _text_order(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        return self._session.dialect.text_order(column)

    def _row(self, obj: T) -> dict[str, Any]:
        return self.map.to_row(obj, self._session.cipher)

    def _obj(self, row: sa.Row[Any], **extra: Any) -> T:
        return self.map.from_row(row._mapping, self._session.cipher, **extra)

    def _read(self, result: sa.CursorResult[Any]) -> list[T]:
        read = self.map.reader(list(result.keys()), self._session.cipher)
        return [read(row) for row in result.all()]

    def _all(self, statement: sa.Select[Any]) -> list[T]:
        return self._read(self._exec(statement))

    def _one_or_none(self, statement: sa.Select[Any]) -> T | None:
        found = self._all(statement)
        return found[0] if found else None

    def _get_by_id(self, key: UUID, *conditions: sa.ColumnElement[bool]) -> T:
        found = self._one_or_none(sa.select(self.table).where(self.table.c.id == key, *conditions))
        if found is None:
            raise self.not_found()
        return found

    def _insert(self, obj: T) -> None:
        with self._session.savepoint():
            self._exec(sa.insert(self.table), self._row(obj))

    def _replace(self, key: UUID, obj: T) -> None:
        with self._session.savepoint():
            result = self._exec(sa.update(self.table).where(self.table.c.id == key).values(self._row(obj)))
            if result.rowcount == 0:
                raise self.not_found()

    def _update_unguarded(self, key: UUID, obj: T, *conditions: sa.ColumnElement[bool]) -> None:
        """Replace without a SAVEPOINT: for rows with no unique rule besides the key (and only where
        `conditions` hold: a row of another service is not found)."""
        result = self._exec(sa.update(self.table).where(self.table.c.id == key, *conditions).values(self._row(obj)))
        if result.rowcount == 0:
            raise self.not_found()


class VersionedRepository(SqlRepository[T]):
    """Current rows in `table`, every version (written once, never changed) in `history`."""

    history_table: sa.Table

    def _history_row(self, obj: T, row: dict[str, Any]) -> dict[str, Any]:
        return row

    def _add_versioned(self, obj: T) -> None:
        row = self._row(obj)
        with self._session.savepoint():
            self._exec(sa.insert(self.table), row)
            self._exec(sa.insert(self.history_table), self._history_row(obj, row))
            self._after_write(obj, new=True)

    def _update_versioned(self, obj: T) -> None:
        row = self._row(obj)
        key, version = getattr(obj, "id"), getattr(obj, "version")
        with self._session.savepoint():
            result = self._exec(
                sa.update(self.table)
                .where(self.table.c.id == key, self.table.c.version == version - 1)
                .values(row))
            if result.rowcount == 0:
                exists = self._exec(sa.select(self.table.c.id).where(self.table.c.id == key)).first()
                raise errors.ConcurrentUpdate() if exists else self.not_found()
            self._exec(sa.insert(self.history_table), self._history_row(obj, row))
            self._after_write(obj, new=False)

    def _after_write(self, obj: T, *, new: bool) -> None:
        pass

    def _history(self, *conditions: sa.ColumnElement[bool], order: Sequence[Any]) -> list[T]:
        return [self._obj(row) for row in self._exec(sa.select(self.history_table).where(*conditions).order_by(*order))]
