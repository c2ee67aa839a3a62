"""PostgreSQL's fast path: the hot statements as fixed text over arrays sent straight to psycopg inside the
unit of work's transaction (nothing to compile, a batch of any size in one statement), COPY for many rows,
and a group commit's inserts riding in the counter upsert's statement."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

import sqlalchemy as sa
from attrs import AttrsInstance
from sqlalchemy.dialects import postgresql

from notify.domain import errors
from notify.domain.limits import Increment
from notify.domain.notification import Handover, Notification, StatusChange
from notify.domain.notification_history import Expiry

from ..engine import describe
from ..rows import RowMap, as_text
from .. import tables as t
from .portable import HAND_OVER_MOVES, RECEIPT_TARGET_COLUMNS, Dialect, counter_row, distinct_keys

if TYPE_CHECKING:
    from ..session import Session

T = TypeVar("T", bound=AttrsInstance)
FEW_ROWS = 64  # a group commit's sends in one JSON parameter (add_counted) up to this many, else a COPY
OVER_CEILING = "NT429"  # the SQLSTATE of notify_over_ceiling(): a counter would pass its ceiling

_FIND_MANY = "SELECT * FROM notifications WHERE id = ANY(%(ids)s::uuid[])"
_FIND_RECEIPT_TARGETS = (f"SELECT {', '.join(RECEIPT_TARGET_COLUMNS)} FROM notifications "
                         "WHERE id = ANY(%(ids)s::uuid[])")
# Batched updates lock their rows in id order first: the join's own order depends on its plan, and two batches
# that share rows (a hand-over and a receipt) locking them in different orders would deadlock.
_IN_ID_ORDER = ("WITH locked AS MATERIALIZED (SELECT id FROM notifications WHERE id = ANY(%(ids)s::uuid[]) "
                "ORDER BY id FOR UPDATE) ")
_LOCKED = "n.id IN (SELECT id FROM locked)"  # the update's condition: PostgreSQL never runs an unreferenced WITH
_HANDOVERS = (
    _IN_ID_ORDER + "UPDATE notifications AS n SET sent_by = v.sent_by, "
    "reference = coalesce(v.reference, n.reference), billable_units = v.units, sent_at = %(now)s, "
    "updated_at = %(now)s, notification_status = "
    "CASE WHEN (n.notification_status, v.status) IN ("
    + ", ".join(f"('{current}', '{status}')" for current, status in HAND_OVER_MOVES)
    + ") THEN v.status ELSE n.notification_status END "
    "FROM unnest(%(ids)s::uuid[], %(providers)s::varchar[], %(references)s::varchar[], %(units)s::int[], "
    "%(statuses)s::text[]) AS v(id, sent_by, reference, units, status) WHERE n.id = v.id AND " + _LOCKED)
_SET_STATUSES = (
    _IN_ID_ORDER + "UPDATE notifications AS n SET notification_status = v.status, updated_at = %(now)s "
    "FROM unnest(%(ids)s::uuid[], %(expected)s::text[], %(statuses)s::text[]) AS v(id, expected, status) "
    "WHERE n.id = v.id AND " + _LOCKED + " AND n.notification_status = v.expected RETURNING n.id")
_MARK_HANDING_OVER = (
    _IN_ID_ORDER + "UPDATE notifications AS n SET updated_at = %(now)s FROM unnest(%(ids)s::uuid[]) AS v(id) "
    "WHERE n.id = v.id AND " + _LOCKED + " AND n.notification_status = 'created' RETURNING n.id")

_HISTORY = ", ".join(f'"{c.name}"' for c in t.notification_history.columns)
_HISTORY_OF_N = ", ".join(f'n."{c.name}"' for c in t.notification_history.columns)
# One statement a batch: lock the oldest expired rows nobody else holds (a send's or another purge's are skipped),
# delete them, and keep what history keeps of them; only the ids come back.
_MOVE_EXPIRED = (
    "WITH doomed AS (SELECT id FROM notifications WHERE service_id = %(service_id)s "
    "AND notification_type = %(type)s AND created_at < %(before)s "
    "AND NOT (notification_status = ANY(%(kept)s::text[])) "
    "ORDER BY created_at LIMIT %(limit)s FOR UPDATE SKIP LOCKED), "
    f"gone AS (DELETE FROM notifications AS n USING doomed WHERE n.id = doomed.id RETURNING {_HISTORY_OF_N}), "
    f"kept AS (INSERT INTO notification_history ({_HISTORY}) SELECT {_HISTORY} FROM gone "
    "WHERE key_type <> 'test' ON CONFLICT (id) DO NOTHING) "
    "SELECT id FROM gone")


@functools.lru_cache(maxsize=32)
def _counter_upsert(count: int) -> str:
    """`count` counter rows (`counter_row`: key, expires_at, floor + amount, floor) in one statement."""
    rows = ", ".join(["(%s, %s::timestamptz, %s::bigint, %s::bigint)"] * count)
    return ("INSERT INTO counters (key, expires_at, value, floor) VALUES " + rows +
            " ON CONFLICT (key) DO UPDATE SET value = greatest(counters.value, excluded.floor) + "
            "(excluded.value - excluded.floor), expires_at = excluded.expires_at RETURNING key, value")


@functools.lru_cache(maxsize=None)
def _insert_json(table: str, columns: tuple[str, ...]) -> str:
    """A data-modifying WITH clause: insert the rows of one JSON array parameter (objects keyed by column)."""
    names = ", ".join(f'"{c}"' for c in columns)
    return (f'WITH added AS (INSERT INTO "{table}" ({names}) SELECT {names} '
            f'FROM json_populate_recordset(NULL::"{table}", %s::json)) ')


@functools.lru_cache(maxsize=64)
def _counted_within(table: str, columns: tuple[str, ...], count: int) -> str:
    """The inserts and the counter upsert, then a call that raises for any counter over its ceiling (the two
    arrays after the upsert's parameters: keys and ceilings)."""
    return (_insert_json(table, columns) + ", counted AS (" + _counter_upsert(count) + ") "
            "SELECT notify_over_ceiling(counted.key) FROM counted JOIN unnest(%s::text[], %s::bigint[]) "
            "AS ceiling(key, most) USING (key) WHERE counted.value > ceiling.most")


def _json_rows(session: Session, map: RowMap[Notification], notifications: Sequence[Notification]
               ) -> tuple[tuple[str, ...], str]:
    """The columns, and the rows as one JSON array for `_insert_json` (UUIDs and datetimes as PostgreSQL reads
    them)."""
    columns = tuple(map.columns.values())
    return columns, json.dumps([dict(zip(columns, map.to_values(n, session.cipher))) for n in notifications],
                               default=str)


def _counter_params(ordered: Sequence[Increment]) -> list[Any]:
    """`_counter_upsert`'s parameters for these increments, in their order."""
    return [value for increment in ordered for value in counter_row(increment).values()]


class PostgresDialect(Dialect):
    def insert(self, table: sa.Table) -> postgresql.Insert:
        return postgresql.insert(table)

    def text_order(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        """By code point, as Python's sort does (the locale's collation would not)."""
        return column.collate("C")

    def within(self, earlier: sa.ColumnElement[Any], later: sa.ColumnElement[Any],
               span: timedelta) -> sa.ColumnElement[bool]:
        return (later - earlier) <= sa.literal(span, sa.Interval)

    def insert_many(self, session: Session, table: sa.Table, map: RowMap[T], objs: Sequence[T], *,
                    what: str) -> None:
        """One COPY, no SAVEPOINT: after AlreadyExists the transaction is spoilt and must be left."""
        cipher = session.cipher
        copy_rows(session, table, list(map.columns.values()), (map.to_values(o, cipher) for o in objs), what=what)

    def _upsert_counters(self, session: Session, ordered: Sequence[Increment], *,
                         along: tuple[str, Any] | None = None) -> dict[str, int]:
        """One statement; `along` (a WITH clause and its one parameter) runs in that same statement."""
        prefix, params = ("", []) if along is None else (along[0], [along[1]])
        _, rows = driver_query(session, prefix + _counter_upsert(len(ordered)), params + _counter_params(ordered),
                               what="counter" if along is None else "notification")
        return {key: int(value) for key, value in rows}

    def add_counted(self, session: Session, table: sa.Table, map: RowMap[Notification],
                    notifications: Sequence[Notification], increments: Sequence[Increment]) -> Sequence[int]:
        """For a group commit's few: the inserts (one JSON parameter: a row costs no binding of its own) and the
        counter upsert in one statement, so one round trip and one socket wait; under load each wait is also a
        wait for the GIL, and this is the leader's critical path."""
        if not (notifications and increments and len(notifications) <= FEW_ROWS):
            return super().add_counted(session, table, map, notifications, increments)
        keys = distinct_keys(increments)
        columns, rows = _json_rows(session, map, notifications)
        found = self._upsert_counters(session, sorted(increments), along=(_insert_json(table.name, columns), rows))
        return [found[key] for key in keys]

    def add_counted_within(self, session: Session, table: sa.Table, map: RowMap[Notification],
                           notifications: Sequence[Notification], increments: Sequence[Increment],
                           ceilings: Mapping[str, int]) -> bool:
        """First in its unit of work, for a group commit's few: one autocommit statement (its own transaction,
        so one round trip where BEGIN, the statement and COMMIT took three) inserts, counts, and checks each
        counter against its ceiling after its row lock is taken; one over it makes the statement raise
        (notify_over_ceiling, migration 0023), which leaves nothing behind."""
        import psycopg
        from psycopg.pq import TransactionStatus

        dbapi: Any = session.connection.connection.driver_connection
        if not (increments and len(notifications) <= FEW_ROWS) or \
                dbapi.info.transaction_status != TransactionStatus.IDLE:
            return super().add_counted_within(session, table, map, notifications, increments, ceilings)
        columns, rows = _json_rows(session, map, notifications)
        checked = [key for key in distinct_keys(increments) if key in ceilings]
        params = [rows] + _counter_params(sorted(increments)) + [checked, [ceilings[key] for key in checked]]
        with driver(session, "notification") as connection:
            connection.autocommit = True
            try:
                with connection.cursor() as cursor:
                    cursor.execute(_counted_within(table.name, columns, len(increments)), params)
            except psycopg.Error as exc:
                if exc.sqlstate != OVER_CEILING:
                    raise
                return False
            finally:
                with suppress(psycopg.Error):  # a broken connection is invalidated by `driver`
                    connection.autocommit = False
        return True

    def find_notifications(self, session: Session, ids: list[UUID]) -> tuple[list[str], list[Sequence[Any]]]:
        names, rows = driver_query(session, _FIND_MANY, {"ids": ids}, what="notification")
        return names, list(rows)

    def find_receipt_targets(self, session: Session, ids: list[UUID]) -> list[Sequence[Any]]:
        return list(driver_query(session, _FIND_RECEIPT_TARGETS, {"ids": ids}, what="notification")[1])

    def record_handovers(self, session: Session, handovers: Sequence[Handover], *, now: datetime) -> None:
        driver_execute(session, _HANDOVERS, {
            "now": now, "ids": [h.notification_id for h in handovers],
            "providers": [h.provider for h in handovers], "references": [h.reference for h in handovers],
            "units": [h.billable_units for h in handovers], "statuses": [as_text(h.status) for h in handovers]},
            what="notification")

    def mark_handing_over(self, session: Session, ids: Sequence[UUID], *, now: datetime) -> list[UUID]:
        _, rows = driver_query(session, _MARK_HANDING_OVER, {"now": now, "ids": list(ids)}, what="notification")
        return [row[0] for row in rows]

    def set_statuses(self, session: Session, changes: Sequence[StatusChange], *, now: datetime) -> list[UUID]:
        _, rows = driver_query(session, _SET_STATUSES, {
            "now": now, "ids": [c.notification_id for c in changes],
            "expected": [as_text(c.expected) for c in changes], "statuses": [as_text(c.status) for c in changes]},
            what="notification")
        return [row[0] for row in rows]

    def move_expired(self, session: Session, expiry: Expiry, limit: int) -> list[UUID]:
        _, rows = driver_query(session, _MOVE_EXPIRED, {
            "service_id": expiry.service_id, "type": as_text(expiry.notification_type),
            "before": expiry.created_before, "kept": sorted(as_text(s) for s in expiry.kept_statuses),
            "limit": limit}, what="notification")
        return [row[0] for row in rows]


# -- straight to psycopg, inside the unit of work's transaction ---------------------------------------------

@contextmanager
def driver(session: Session, what: str = "record") -> Iterator[Any]:
    """The session's psycopg connection, its errors turned into domain errors."""
    import psycopg

    try:
        yield session.connection.connection.driver_connection
    except psycopg.errors.UniqueViolation:
        raise errors.AlreadyExists(f"{what} already exists") from None
    except psycopg.errors.ForeignKeyViolation:
        raise errors.NotFound(f"{what} refers to a record that does not exist") from None
    except psycopg.OperationalError as exc:
        session.connection.invalidate()  # gone: the pool must not hand it out again
        raise errors.StoreUnavailable(f"the database at {describe(session.engine)} is unavailable: "
                                      f"{' '.join(str(exc).split())[:300]}") from None


def driver_query(session: Session, sql: str, params: Any, *, what: str = "record"
                 ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """A statement of fixed text (nothing to compile) that returns rows: their column names and the rows."""
    with driver(session, what) as dbapi, dbapi.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        return [column.name for column in cursor.description or ()], rows


def driver_execute(session: Session, sql: str, params: Any, *, what: str = "record") -> None:
    with driver(session, what) as dbapi, dbapi.cursor() as cursor:
        cursor.execute(sql, params)


def copy_rows(session: Session, table: sa.Table, names: Sequence[str], rows: Iterable[Sequence[Any]], *,
              what: str = "record") -> None:
    """COPY … FROM STDIN: the fast way in for many rows. Values go to psycopg as the domain gives them (UUID,
    tz-aware datetime, str, int...)."""
    columns = ", ".join(f'"{n}"' for n in names)
    with driver(session, what) as dbapi, dbapi.cursor() as cursor, \
            cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
