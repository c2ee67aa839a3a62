"""The SQL unit of work: one connection and one transaction per `with`; commit() is explicit and anything
not committed is rolled back on leaving. Driver failures become domain errors here, never 500s."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Self

import sqlalchemy as sa

from notify.domain import errors

from .crypto import Cipher
from .letter_contacts import SqlAlchemyLetterContactRepository
from .engine import describe, reason
from ..lazy import repository
from .repositories import (
    SqlAlchemyApiKeyRepository,
    SqlAlchemyCallbackApiRepository,
    SqlAlchemyCounterRepository,
    SqlAlchemyEmailBrandingRepository,
    SqlAlchemyEmailReplyToRepository,
    SqlAlchemyGuestListRepository,
    SqlAlchemyInboundSmsRepository,
    SqlAlchemyJobRepository,
    SqlAlchemyLetterBrandingRepository,
    SqlAlchemyNotificationRepository,
    SqlAlchemyOrganisationRepository,
    SqlAlchemyOrganisationUserRepository,
    SqlAlchemyProviderRepository,
    SqlAlchemyServiceRepository,
    SqlAlchemyServiceUserRepository,
    SqlAlchemySmsSenderRepository,
    SqlAlchemyTemplateRepository,
    SqlAlchemyUserRepository,
)

UNIQUE_SQLSTATE = "23505"


def is_unavailable(exc: sa.exc.DBAPIError) -> bool:
    """Lost or refused connections, timeouts, a locked SQLite file: the store, not the request, is at fault."""
    return isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError) or exc.connection_invalidated

FOREIGN_KEY_SQLSTATE = "23503"


class SqlAlchemyUnitOfWork:
    services = repository(SqlAlchemyServiceRepository)
    guest_list = repository(SqlAlchemyGuestListRepository)
    service_users = repository(SqlAlchemyServiceUserRepository)
    users = repository(SqlAlchemyUserRepository)
    organisations = repository(SqlAlchemyOrganisationRepository)
    organisation_users = repository(SqlAlchemyOrganisationUserRepository)
    templates = repository(SqlAlchemyTemplateRepository)
    api_keys = repository(SqlAlchemyApiKeyRepository)
    notifications = repository(SqlAlchemyNotificationRepository)
    jobs = repository(SqlAlchemyJobRepository)
    providers = repository(SqlAlchemyProviderRepository)
    email_branding = repository(SqlAlchemyEmailBrandingRepository)
    letter_branding = repository(SqlAlchemyLetterBrandingRepository)
    callback_apis = repository(SqlAlchemyCallbackApiRepository)
    sms_senders = repository(SqlAlchemySmsSenderRepository)
    email_reply_to = repository(SqlAlchemyEmailReplyToRepository)
    inbound_sms = repository(SqlAlchemyInboundSmsRepository)
    counters = repository(SqlAlchemyCounterRepository)
    letter_contacts = repository(SqlAlchemyLetterContactRepository)

    def __init__(self, engine: sa.Engine, cipher: Cipher) -> None:
        self.engine = engine
        self.cipher = cipher
        self.dialect = engine.dialect.name
        self._connection: sa.Connection | None = None
        self._transaction: sa.RootTransaction | None = None

    def __enter__(self) -> Self:
        try:
            self._connection = self.engine.connect()
            self._transaction = self._connection.begin()
        except sa.exc.DBAPIError as exc:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
            raise self._unavailable(exc) from None
        return self

    def __exit__(self, *exc: object) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if self._transaction is not None and self._transaction.is_active:
                self._transaction.rollback()
        except sa.exc.DBAPIError:
            pass  # the connection is gone; the server rolls back on its own
        finally:
            self._transaction = None
            connection.close()

    def commit(self) -> None:
        if self._transaction is None or self._connection is None:
            raise RuntimeError("commit() outside `with uow:`")
        try:
            self._transaction.commit()
        except sa.exc.IntegrityError as exc:
            raise self.integrity_error(exc, "record") from None
        except sa.exc.DBAPIError as exc:
            if not is_unavailable(exc):
                raise
            raise self._unavailable(exc) from None
        self._transaction = self._connection.begin()  # later writes need another commit(), as in memory

    # -- used by the repositories ---------------------------------------------------------------------
    @property
    def connection(self) -> sa.Connection:
        if self._connection is None:
            raise RuntimeError("a repository was used outside `with uow:`")
        return self._connection

    def execute(self, statement: sa.Executable, params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
                *, what: str = "record") -> sa.CursorResult[Any]:
        with self._translated(what):
            return self.connection.execute(statement, params)  # type: ignore[arg-type]

    @contextmanager
    def _translated(self, what: str) -> Iterator[None]:
        try:
            yield
        except sa.exc.IntegrityError as exc:
            raise self.integrity_error(exc, what) from None
        except sa.exc.DBAPIError as exc:
            if not is_unavailable(exc):
                raise
            raise self._unavailable(exc) from None

    # -- PostgreSQL only: the hot path, straight to psycopg inside this unit of work's transaction ----------
    @contextmanager
    def driver(self, what: str = "record") -> Iterator[Any]:
        """This unit of work's psycopg connection, its errors turned into domain errors."""
        import psycopg

        try:
            yield self.connection.connection.driver_connection
        except psycopg.errors.UniqueViolation:
            raise errors.AlreadyExists(f"{what} already exists") from None
        except psycopg.errors.ForeignKeyViolation:
            raise errors.NotFound(f"{what} refers to a record that does not exist") from None
        except psycopg.OperationalError as exc:
            self.connection.invalidate()  # gone: the pool must not hand it out again
            raise errors.StoreUnavailable(f"the database at {describe(self.engine)} is unavailable: "
                                          f"{' '.join(str(exc).split())[:300]}") from None

    def driver_query(self, sql: str, params: Any, *, what: str = "record"
                     ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A statement of fixed text (nothing to compile) that returns rows: their column names and the rows."""
        with self.driver(what) as dbapi, dbapi.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            return [column.name for column in cursor.description or ()], rows

    def driver_execute(self, sql: str, params: Any, *, what: str = "record") -> None:
        with self.driver(what) as dbapi, dbapi.cursor() as cursor:
            cursor.execute(sql, params)

    def copy_rows(self, table: sa.Table, names: Sequence[str], rows: Iterable[Sequence[Any]], *,
                  what: str = "record") -> None:
        """COPY … FROM STDIN inside the current transaction: the fast way in for many rows. Values go to
        psycopg as the domain gives them (UUID, tz-aware datetime, str, int...)."""
        columns = ", ".join(f'"{n}"' for n in names)
        with self.driver(what) as dbapi, dbapi.cursor() as cursor, \
                cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Let a write fail (AlreadyExists, NotFound...) without spoiling the transaction, as in memory."""
        try:
            nested = self.connection.begin_nested()
        except sa.exc.DBAPIError as exc:
            raise self._unavailable(exc) from None
        try:
            yield
        except BaseException:
            if nested.is_active:
                try:
                    nested.rollback()
                except sa.exc.DBAPIError as exc:
                    raise self._unavailable(exc) from None
            raise
        else:
            try:
                nested.commit()
            except sa.exc.IntegrityError as exc:
                raise self.integrity_error(exc, "record") from None
            except sa.exc.DBAPIError as exc:
                raise self._unavailable(exc) from None

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

    def _unavailable(self, exc: sa.exc.DBAPIError) -> errors.StoreUnavailable:
        return errors.StoreUnavailable(f"the database at {describe(self.engine)} is unavailable: {reason(exc)}")
