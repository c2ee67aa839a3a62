"""Notifications: the send path's insert, delivery's batches (through the dialect strategy) and the pages."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.limits import Increment
from notify.domain.notification import Handover, Notification, ReceiptTarget, StatusChange
from notify.domain.notification_filter import NotificationFilter

from .. import rows as R
from .. import tables as t
from ..rows import as_text
from .notification_counts import NotificationCounts


class SqlAlchemyNotificationRepository(NotificationCounts[Notification]):
    table, map = t.notifications, R.NOTIFICATION
    not_found = errors.NotificationNotFound
    what = "notification"

    def add(self, notification: Notification) -> None:
        """The send hot path: one round trip (no SAVEPOINT); a duplicate id is skipped by the server and
        reported as AlreadyExists, leaving the transaction usable."""
        statement = self._session.dialect.insert_or_skip(self.table)
        if self._exec(statement, self._row(notification)).first() is None:  # RETURNING: rowcount is unreliable
            raise errors.AlreadyExists(f"{self.what} {notification.id} already exists")

    def add_many(self, notifications: Sequence[Notification]) -> None:
        """All or none. PostgreSQL: one COPY (jobs; sends go through add_counted). Elsewhere batched INSERTs."""
        if notifications:
            self._session.dialect.insert_many(self._session, self.table, self.map, notifications, what=self.what)

    def add_counted(self, notifications: Sequence[Notification], increments: Sequence[Increment]) -> Sequence[int]:
        """The sends and their counter increments (values in `increments` order). PostgreSQL, for a group
        commit's few: one statement."""
        return self._session.dialect.add_counted(self._session, self.table, self.map, notifications, increments)

    def add_counted_within(self, notifications: Sequence[Notification], increments: Sequence[Increment],
                           ceilings: Mapping[str, int]) -> bool:
        return self._session.dialect.add_counted_within(self._session, self.table, self.map, notifications,
                                                        increments, ceilings)

    def remove_many(self, notification_ids: Collection[UUID]) -> None:
        if notification_ids:
            self._exec(sa.delete(self.table).where(self.table.c.id.in_(list(notification_ids))))

    def update(self, notification: Notification) -> None:
        self._update_unguarded(notification.id, notification)

    def get(self, service_id: UUID, notification_id: UUID) -> Notification:
        return self._get_by_id(notification_id, self.table.c.service_id == service_id)

    def find(self, notification_id: UUID) -> Notification | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == notification_id))

    def mark_returned(self, notification_ids: Collection[UUID], *, now: datetime) -> None:
        if not notification_ids:
            return
        n, returned = self.table, as_text(NotificationStatus.RETURNED_LETTER)
        self._exec(sa.update(n).where(n.c.id.in_(list(notification_ids)), n.c.notification_status != returned)
                   .values(notification_status=returned, updated_at=now))

    def find_by_references(self, references: Collection[str]) -> Sequence[Notification]:
        if not references:
            return []
        n = self.table
        return self._all(sa.select(n).where(n.c.reference.in_(list(references))).order_by(n.c.created_at, n.c.id))

    def list_for_service(
        self,
        service_id: UUID,
        *,
        statuses: Sequence[NotificationStatus] | None = None,
        notification_types: Sequence[NotificationType] | None = None,
        key_type: str | None = None,
        client_reference: str | None = None,
        older_than: UUID | None = None,
        include_jobs: bool = True,
        limit: int = 250,
    ) -> Sequence[Notification]:
        if limit <= 0 or (statuses is not None and not statuses) or \
                (notification_types is not None and not notification_types):
            return []
        params: dict[str, Any] = {"service_id": service_id, "limit": limit}
        if older_than is not None:
            anchor = self._exec(_ANCHOR, {"id": older_than, "service_id": service_id}).first()
            if anchor is None:
                return []
            params["before"] = anchor.created_at
        if statuses is not None:
            params["statuses"] = [as_text(x) for x in statuses]
        if notification_types is not None:
            params["types"] = [as_text(x) for x in notification_types]
        if key_type is not None:
            params["key_type"] = as_text(key_type)
        if client_reference is not None:
            params["client_reference"] = client_reference
        shape = (*sorted(params), include_jobs)
        statement = _PAGES.get(shape)
        if statement is None:
            statement = _PAGES[shape] = _page_statement(set(params), include_jobs)
        return self._read(self._exec(statement, params))

    def list_by_status(self, status: NotificationStatus, *, created_before: datetime,
                       limit: int = 1000) -> Sequence[Notification]:
        n = self.table
        return self._all(sa.select(n)
                         .where(n.c.notification_status == as_text(status), n.c.created_at < created_before)
                         .order_by(n.c.created_at, n.c.id).limit(limit))

    def update_if_status(self, notification: Notification, *,
                         expected: Collection[NotificationStatus]) -> bool:
        """Compare-and-set in one statement: the row lock makes concurrent transitions take turns."""
        if not expected:
            return False
        n = self.table
        result = self._exec(sa.update(n)
                            .where(n.c.id == notification.id,
                                   n.c.notification_status.in_(sorted(as_text(s) for s in expected)))
                            .values(self._row(notification)))
        return result.rowcount == 1

    def find_many(self, notification_ids: Collection[UUID]) -> Sequence[Notification]:
        ids = list(dict.fromkeys(notification_ids))
        if not ids:
            return []
        names, rows = self._session.dialect.find_notifications(self._session, ids)
        read = self.map.reader(names, self._session.cipher)
        return [read(row) for row in rows]

    def find_receipt_targets(self, notification_ids: Collection[UUID]) -> Sequence[ReceiptTarget]:
        ids = list(dict.fromkeys(notification_ids))
        if not ids:
            return []
        return [ReceiptTarget(i, service_id, NotificationType(kind), NotificationStatus(status), bool(international),
                              phone_prefix)
                for i, service_id, kind, status, international, phone_prefix
                in self._session.dialect.find_receipt_targets(self._session, ids)]

    def record_handovers(self, handovers: Sequence[Handover], *, now: datetime) -> None:
        if handovers:
            self._session.dialect.record_handovers(self._session, handovers, now=now)

    def mark_handing_over(self, notification_ids: Collection[UUID], *, now: datetime) -> Sequence[UUID]:
        ids = sorted(set(notification_ids))
        return self._session.dialect.mark_handing_over(self._session, ids, now=now) if ids else []

    def set_statuses(self, changes: Sequence[StatusChange], *, now: datetime) -> Sequence[UUID]:
        if not changes:
            return []
        return self._session.dialect.set_statuses(self._session, changes, now=now)

    def last_job_row_number(self, job_id: UUID) -> int | None:
        n = self.table
        value = self._exec(sa.select(sa.func.max(n.c.job_row_number)).where(n.c.job_id == job_id)).scalar()
        return None if value is None else int(value)


# The page query is the hot read: its statements are built once per filter shape, with bound parameters,
# so SQLAlchemy neither rebuilds nor re-keys them on every call.
    def page_matching(self, service_id: UUID, where: NotificationFilter, *, offset: int,
                      limit: int) -> Sequence[Notification]:
        if limit <= 0:
            return []
        n = self.table
        statement = sa.select(n).where(*_matching(service_id, where)) \
            .order_by(n.c.created_at.desc(), n.c.id.desc()).offset(offset).limit(limit)
        return self._all(statement)

    def count_matching(self, service_id: UUID, where: NotificationFilter) -> int:
        statement = sa.select(sa.func.count()).select_from(self.table).where(*_matching(service_id, where))
        return int(self._exec(statement).scalar_one())


_N = t.notifications
_ANCHOR = sa.select(_N.c.created_at).where(_N.c.id == sa.bindparam("id"), _N.c.service_id == sa.bindparam("service_id"))
_PAGES: dict[tuple[Any, ...], sa.Select[Any]] = {}


def _page_statement(params: set[str], include_jobs: bool) -> sa.Select[Any]:
    n = _N
    statement = sa.select(n).where(n.c.service_id == sa.bindparam("service_id"))
    if "before" in params:
        statement = statement.where(n.c.created_at < sa.bindparam("before", type_=n.c.created_at.type))
    if "statuses" in params:
        statement = statement.where(n.c.notification_status.in_(sa.bindparam("statuses", expanding=True)))
    if "types" in params:
        statement = statement.where(n.c.notification_type.in_(sa.bindparam("types", expanding=True)))
    if "key_type" in params:
        statement = statement.where(n.c.key_type == sa.bindparam("key_type"))
    if "client_reference" in params:
        statement = statement.where(n.c.client_reference == sa.bindparam("client_reference"))
    if not include_jobs:
        statement = statement.where(n.c.job_id.is_(None))
    return statement.order_by(n.c.created_at.desc(), n.c.id.desc()).limit(sa.bindparam("limit"))


def _matching(service_id: UUID, where: NotificationFilter) -> list[sa.ColumnElement[bool]]:
    n = _N
    conditions = [n.c.service_id == service_id]
    if where.statuses is not None:
        conditions.append(n.c.notification_status.in_([as_text(x) for x in where.statuses]))
    if where.notification_types is not None:
        conditions.append(n.c.notification_type.in_([as_text(x) for x in where.notification_types]))
    if where.job_id is not None:
        conditions.append(n.c.job_id == where.job_id)
    elif not where.include_jobs:
        conditions.append(n.c.job_id.is_(None))
    if not where.include_test_key:
        conditions.append(n.c.key_type != KeyType.TEST.value)
    if where.created_since is not None:
        conditions.append(n.c.created_at >= where.created_since)
    if where.created_before is not None:
        conditions.append(n.c.created_at < where.created_before)
    if where.recipient_contains is not None:
        conditions.append(n.c.normalised_to.contains(where.recipient_contains, autoescape=True))
    if where.recipient_or_reference is not None:
        recipient, reference = where.recipient_or_reference
        conditions.append(sa.or_(n.c.normalised_to.contains(recipient, autoescape=True),
                                 n.c.client_reference.contains(reference, autoescape=True)))
    if where.reply_to_text is not None:
        conditions.append(n.c.reply_to_text == where.reply_to_text)
    if where.template_id is not None:
        conditions.append(n.c.template_id == where.template_id)
    if where.without_api_key:
        conditions.append(n.c.api_key_id.is_(None))
    return conditions
