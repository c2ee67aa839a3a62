"""The statements every SQL store runs through SQLAlchemy Core; SQLite uses them as they are."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

import sqlalchemy as sa
from attrs import AttrsInstance
from sqlalchemy.dialects import postgresql, sqlite

from notify.domain.constants import KeyType
from notify.domain.limits import Increment
from notify.domain.notification import HAND_OVERS, Handover, Notification, StatusChange
from notify.domain.notification_history import Expiry

from .. import tables as t
from ..rows import RowMap, as_text

if TYPE_CHECKING:
    from ..session import Session

T = TypeVar("T", bound=AttrsInstance)
INSERT_BATCH = 1000

_N = t.notifications
# The domain's hand-overs (from, to) as text: a hand-over's status applies only where the domain allows it.
HAND_OVER_MOVES = sorted((as_text(current), as_text(status)) for current, targets in HAND_OVERS.items()
                         for status in targets)
_FIND_MANY = sa.select(_N).where(_N.c.id.in_(sa.bindparam("ids", expanding=True)))
RECEIPT_TARGET_COLUMNS = ("id", "service_id", "notification_type", "notification_status", "international",
                           "phone_prefix")
_FIND_RECEIPT_TARGETS = sa.select(*(_N.c[name] for name in RECEIPT_TARGET_COLUMNS)).where(
    _N.c.id.in_(sa.bindparam("ids", expanding=True)))
_HANDOVER = (sa.update(_N).where(_N.c.id == sa.bindparam("_id"))
             .values(sent_by=sa.bindparam("_sent_by"),
                     reference=sa.func.coalesce(sa.bindparam("_reference", type_=sa.String), _N.c.reference),
                     billable_units=sa.bindparam("_units"),
                     notification_status=sa.case(
                         (sa.or_(*(sa.and_(_N.c.notification_status == current,
                                           sa.bindparam("_status", type_=sa.Text) == status)
                                   for current, status in HAND_OVER_MOVES)), sa.bindparam("_status", type_=sa.Text)),
                         else_=_N.c.notification_status),
                     sent_at=sa.bindparam("_now", type_=_N.c.sent_at.type),
                     updated_at=sa.bindparam("_now", type_=_N.c.updated_at.type)))
_SET_STATUS = (sa.update(_N).where(_N.c.id == sa.bindparam("_id"), _N.c.notification_status == sa.bindparam("_expected"))
               .values(notification_status=sa.bindparam("_status"),
                       updated_at=sa.bindparam("_now", type_=_N.c.updated_at.type)))
_MARK_HANDING_OVER = (sa.update(_N).where(_N.c.id == sa.bindparam("_id"), _N.c.notification_status == "created")
                      .values(updated_at=sa.bindparam("_now", type_=_N.c.updated_at.type)))


class _OverCeiling(Exception):
    """Leaves add_counted_within's SAVEPOINT."""


class Dialect:
    """The portable way to do each thing; a store with a faster one overrides the method."""

    def insert(self, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
        """The dialect's INSERT construct (it has ON CONFLICT, which Core's generic insert lacks)."""
        raise NotImplementedError

    def text_order(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        """Order strings by code point, as Python's sort does."""
        return column

    def within(self, earlier: sa.ColumnElement[Any], later: sa.ColumnElement[Any],
               span: timedelta) -> sa.ColumnElement[bool]:
        """`later` is at most `span` after `earlier` (timestamps; false where either is NULL)."""
        raise NotImplementedError

    @functools.cached_property
    def _inserts_or_skips(self) -> dict[sa.Table, sa.Executable]:
        return {}

    def insert_or_skip(self, table: sa.Table) -> sa.Executable:
        """INSERT … ON CONFLICT (id) DO NOTHING RETURNING id, built once per table (building a statement costs
        more than the round trip on the hot path)."""
        statement = self._inserts_or_skips.get(table)
        if statement is None:
            statement = self._inserts_or_skips[table] = (
                self.insert(table).on_conflict_do_nothing(index_elements=[table.c.id]).returning(table.c.id))
        return statement

    @functools.cached_property
    def counter_upsert(self) -> sa.Executable:
        """INSERT … ON CONFLICT (key) DO UPDATE value = max(value, floor) + amount RETURNING value, built once:
        every send runs it, and building it each time cost more than executing it. Parameters: the new row
        (`counter_row`), from which ON CONFLICT reads the floor and the amount."""
        c = t.counters
        statement = self.insert(c)
        new = statement.excluded
        raised = sa.case((c.c.value > new.floor, c.c.value), else_=new.floor)
        return statement.on_conflict_do_update(index_elements=[c.c.key],
                                               set_={"value": raised + (new.value - new.floor),
                                                     "expires_at": new.expires_at}).returning(c.c.value)

    # -- many rows at once --------------------------------------------------------------------------------
    def insert_many(self, session: Session, table: sa.Table, map: RowMap[T], objs: Sequence[T], *,
                    what: str) -> None:
        """All or none, in batched INSERTs inside a SAVEPOINT."""
        insert = sa.insert(table)
        with session.savepoint():
            for start in range(0, len(objs), INSERT_BATCH):
                session.execute(insert, [map.to_row(o, session.cipher) for o in objs[start:start + INSERT_BATCH]],
                                what=what)

    def increment(self, session: Session, increment: Increment) -> int:
        return int(session.execute(self.counter_upsert, counter_row(increment), what="counter").scalar_one())

    def increment_many(self, session: Session, increments: Sequence[Increment]) -> Sequence[int]:
        """Rows in key order (concurrent senders lock them in the same order); values in the caller's order."""
        if not increments:
            return []
        keys = distinct_keys(increments)
        found = self._upsert_counters(session, sorted(increments))
        return [found[key] for key in keys]

    def _upsert_counters(self, session: Session, ordered: Sequence[Increment]) -> dict[str, int]:
        return {increment.key: self.increment(session, increment) for increment in ordered}

    def add_counted(self, session: Session, table: sa.Table, map: RowMap[Notification],
                    notifications: Sequence[Notification], increments: Sequence[Increment]) -> Sequence[int]:
        """A group commit's sends and their counters, in one transaction."""
        if notifications:
            self.insert_many(session, table, map, notifications, what="notification")
        return self.increment_many(session, increments)

    def add_counted_within(self, session: Session, table: sa.Table, map: RowMap[Notification],
                           notifications: Sequence[Notification], increments: Sequence[Increment],
                           ceilings: Mapping[str, int]) -> bool:
        """`add_counted` in a SAVEPOINT, rolled back when a counter ends over its ceiling."""
        try:
            with session.savepoint():
                after = self.add_counted(session, table, map, notifications, increments)
                if any(value > ceilings[i.key] for i, value in zip(increments, after, strict=True)
                       if i.key in ceilings):
                    raise _OverCeiling
        except _OverCeiling:
            return False
        return True

    # -- delivery's notification batches ------------------------------------------------------------------
    def find_notifications(self, session: Session, ids: list[UUID]) -> tuple[list[str], list[Sequence[Any]]]:
        result = session.execute(_FIND_MANY, {"ids": ids}, what="notification")
        return list(result.keys()), list(result.all())

    def find_receipt_targets(self, session: Session, ids: list[UUID]) -> list[Sequence[Any]]:
        """Rows of `RECEIPT_TARGET_COLUMNS`."""
        return list(session.execute(_FIND_RECEIPT_TARGETS, {"ids": ids}, what="notification").all())

    def record_handovers(self, session: Session, handovers: Sequence[Handover], *, now: datetime) -> None:
        session.execute(_HANDOVER, [{"_id": h.notification_id, "_sent_by": h.provider, "_reference": h.reference,
                                     "_units": h.billable_units, "_status": as_text(h.status), "_now": now}
                                    for h in handovers], what="notification")

    def mark_handing_over(self, session: Session, ids: Sequence[UUID], *, now: datetime) -> list[UUID]:
        """`ids` in id order, one cached statement each."""
        return [i for i in ids if session.execute(_MARK_HANDING_OVER, {"_id": i, "_now": now},
                                                  what="notification").rowcount == 1]

    def set_statuses(self, session: Session, changes: Sequence[StatusChange], *, now: datetime) -> list[UUID]:
        moved = []
        for change in changes:  # no UPDATE ... FROM a list; one cached statement each
            if session.execute(_SET_STATUS, {"_id": change.notification_id, "_expected": as_text(change.expected),
                                             "_status": as_text(change.status), "_now": now},
                               what="notification").rowcount == 1:
                moved.append(change.notification_id)
        return moved


    # -- the nightly purge --------------------------------------------------------------------------------
    def move_expired(self, session: Session, expiry: Expiry, limit: int) -> list[UUID]:
        """The oldest `limit` expired ids, copied to history (test keys' are not) and deleted: three statements
        (SQLite has one writer, so nothing can take the rows in between)."""
        n, h = _N, t.notification_history
        chosen = sa.select(n.c.id).where(*expired(expiry)).order_by(n.c.created_at, n.c.id).limit(limit)
        ids = [row[0] for row in session.execute(chosen, what="notification")]
        if ids:
            names = [c.name for c in h.columns]
            kept = sa.select(*(n.c[name] for name in names)).where(n.c.id.in_(ids),
                                                                   n.c.key_type != KeyType.TEST.value)
            session.execute(self.insert(h).from_select(names, kept).on_conflict_do_nothing(index_elements=[h.c.id]),
                            what="notification")
            session.execute(sa.delete(n).where(n.c.id.in_(ids)), what="notification")
        return ids


def expired(expiry: Expiry) -> list[sa.ColumnElement[bool]]:
    n = _N
    conditions = [n.c.service_id == expiry.service_id, n.c.notification_type == as_text(expiry.notification_type),
                  n.c.created_at < expiry.created_before]
    if expiry.kept_statuses:
        conditions.append(n.c.notification_status.not_in(sorted(as_text(s) for s in expiry.kept_statuses)))
    return conditions


class SqliteDialect(Dialect):
    def insert(self, table: sa.Table) -> sqlite.Insert:
        return sqlite.insert(table)

    def within(self, earlier: sa.ColumnElement[Any], later: sa.ColumnElement[Any],
               span: timedelta) -> sa.ColumnElement[bool]:
        """SQLite keeps timestamps as text: compared as Julian days in whole milliseconds (their precision; the
        float's rounding would put a span of exactly `span` just over it)."""
        milliseconds = sa.func.round((sa.func.julianday(later) - sa.func.julianday(earlier)) * 86_400_000)
        return milliseconds <= span.total_seconds() * 1000


def counter_row(increment: Increment) -> dict[str, Any]:
    """The counter row `increment` inserts when there is none: its value is the floor plus the amount (a missing
    counter is 0 and floors are not negative), and it keeps the floor for ON CONFLICT to read (excluded.floor;
    a stored row's floor means nothing)."""
    return {"key": increment.key, "expires_at": increment.expires_at, "value": increment.floor + increment.amount,
            "floor": increment.floor}


def distinct_keys(increments: Collection[Increment]) -> list[str]:
    keys = [increment.key for increment in increments]
    if len(set(keys)) != len(keys):
        raise ValueError("increment_many: keys must be distinct")
    return keys
