"""What a SQL repository works with: the unit of work's connection, the dialect strategy and the cipher.
Driver failures become domain errors here, never 500s."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from notify.domain import errors

from .crypto import Cipher
from .engine import describe, reason

if TYPE_CHECKING:
    from .dialects import Dialect

UNIQUE_SQLSTATE = "23505"
FOREIGN_KEY_SQLSTATE = "23503"


def is_unavailable(exc: sa.exc.DBAPIError) -> bool:
    """Lost or refused connections, timeouts, a locked SQLite file: the store, not the request, is at fault."""
    return isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError) or exc.connection_invalidated


class Session:
    """Bound to a connection while its unit of work is open; repositories never see the transaction."""

    def __init__(self, engine: sa.Engine, cipher: Cipher, dialect: Dialect) -> None:
        self.engine = engine
        self.cipher = cipher
        self.dialect = dialect
        self._connection: sa.Connection | None = None

    def bind(self, connection: sa.Connection | None) -> None:
        self._connection = connection

    @property
    def connection(self) -> sa.Connection:
        if self._connection is None:
            raise RuntimeError("a repository was used outside `with uow:`")
        return self._connection

    def execute(self, statement: sa.Executable, params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
                *, what: str = "record") -> sa.CursorResult[Any]:
        with self.translated(what):
            return self.connection.execute(statement, params)

    @contextmanager
    def translated(self, what: str) -> Iterator[None]:
        try:
            yield
        except sa.exc.IntegrityError as exc:
            raise self.integrity_error(exc, what) from None
        except sa.exc.DBAPIError as exc:
            if not is_unavailable(exc):
                raise
            raise self.unavailable(exc) from None

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Let a write fail (AlreadyExists, NotFound...) without spoiling the transaction, as in memory."""
        try:
            nested = self.connection.begin_nested()
        except sa.exc.DBAPIError as exc:
            raise self.unavailable(exc) from None
        try:
            yield
        except BaseException:
            if nested.is_active:
                try:
                    nested.rollback()
                except sa.exc.DBAPIError as exc:
                    raise self.unavailable(exc) from None
            raise
        else:
            try:
                nested.commit()
            except sa.exc.IntegrityError as exc:
                raise self.integrity_error(exc, "record") from None
            except sa.exc.DBAPIError as exc:
                raise self.unavailable(exc) from None

    def integrity_error(self, exc: sa.exc.IntegrityError, what: str) -> errors.NotifyError:
        original = exc.orig
        code = getattr(original, "sqlstate", None)
        name = getattr(original, "sqlite_errorname", "") or ""
        text = str(original)
        if code == FOREIGN_KEY_SQLSTATE or "FOREIGNKEY" in name or "FOREIGN KEY" in text:
            return errors.NotFound(f"{what} refers to a record that does not exist")
        if code == UNIQUE_SQLSTATE or "UNIQUE" in name or "PRIMARYKEY" in name or "UNIQUE" in text:
            return errors.AlreadyExists(f"{what} already exists")
        return errors.InvalidRequest(f"{what} breaks a rule of the store: {reason(exc)}")

    def unavailable(self, exc: sa.exc.DBAPIError) -> errors.StoreUnavailable:
        return errors.StoreUnavailable(f"the database at {describe(self.engine)} is unavailable: {reason(exc)}")
