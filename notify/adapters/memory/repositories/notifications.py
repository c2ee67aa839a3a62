"""Notifications."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from uuid import UUID

from attrs import evolve

from notify.domain import errors
from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.limits import Increment
from notify.domain.notification import Handover, Notification, ReceiptTarget, StatusChange
from notify.domain.notification_filter import NotificationFilter
from notify.domain.replace import replacer

from .base import NoPage, page_start
from .counters import increment_many, value_after
from .notification_counts import NotificationCounts


_handed_over = replacer(Notification, "sent_by", "reference", "billable_units", "sent_at", "updated_at", "status")
_moved = replacer(Notification, "status", "updated_at")


class InMemoryNotificationRepository(NotificationCounts[Notification]):
    table_name = "notifications"
    not_found = errors.NotificationNotFound

    def add(self, notification: Notification) -> None:
        self._insert(notification.id, notification, what="notification")

    def add_many(self, notifications: Sequence[Notification]) -> None:
        for notification in notifications:
            self.add(notification)

    def add_counted(self, notifications: Sequence[Notification], increments: Sequence[Increment]) -> Sequence[int]:
        self.add_many(notifications)
        return increment_many(self._session, increments)

    def add_counted_within(self, notifications: Sequence[Notification], increments: Sequence[Increment],
                           ceilings: Mapping[str, int]) -> bool:
        if any(value_after(self._session, i) > ceilings[i.key] for i in increments if i.key in ceilings):
            return False
        self.add_counted(notifications, increments)
        return True

    def remove_many(self, notification_ids: Collection[UUID]) -> None:
        for notification_id in notification_ids:
            if notification_id in self._rows:
                self._session.delete(self.table_name, notification_id)

    def update(self, notification: Notification) -> None:
        self._replace(notification.id, notification)

    def get(self, service_id: UUID, notification_id: UUID) -> Notification:
        found = self._rows.get(notification_id)
        if found is None or found.service_id != service_id:
            raise self.not_found()
        return found

    def find(self, notification_id: UUID) -> Notification | None:
        return self._rows.get(notification_id)

    def mark_returned(self, notification_ids: Collection[UUID], *, now: datetime) -> None:
        for notification_id in notification_ids:
            current = self._rows.get(notification_id)
            if current is not None and current.status is not NotificationStatus.RETURNED_LETTER:
                self._session.put(self.table_name, current.id, evolve(
                    current, status=NotificationStatus.RETURNED_LETTER, updated_at=now))

    def find_by_references(self, references: Collection[str]) -> Sequence[Notification]:
        wanted = set(references)
        return sorted((n for n in self._rows.values() if n.reference in wanted), key=lambda n: (n.created_at, n.id))

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
        before = page_start(self._rows, older_than, service_id)
        if isinstance(before, NoPage):
            return []
        rows = [
            n for n in self._rows.values()
            if n.service_id == service_id
            and (statuses is None or n.status in statuses)
            and (notification_types is None or n.notification_type in notification_types)
            and (key_type is None or n.key_type == key_type)
            and (client_reference is None or n.client_reference == client_reference)
            and (include_jobs or n.job_id is None)
            and (before is None or n.created_at < before)
        ]
        rows.sort(key=lambda n: (n.created_at, n.id), reverse=True)
        return rows[:limit]

    def list_by_status(self, status: NotificationStatus, *, created_before: datetime,
                       limit: int = 1000) -> Sequence[Notification]:
        rows = sorted((n for n in self._rows.values() if n.status == status and n.created_at < created_before),
                      key=lambda n: (n.created_at, n.id))
        return rows[:limit]

    def update_if_status(self, notification: Notification, *,
                         expected: Collection[NotificationStatus]) -> bool:
        current = self._rows.get(notification.id)
        if current is None or current.status not in expected:
            return False
        self._session.put(self.table_name, notification.id, notification)
        return True

    def find_many(self, notification_ids: Collection[UUID]) -> Sequence[Notification]:
        rows = self._rows
        found = []
        for notification_id in dict.fromkeys(notification_ids):
            row = rows.get(notification_id)
            if row is not None:
                found.append(row)
        return found

    def find_receipt_targets(self, notification_ids: Collection[UUID]) -> Sequence[ReceiptTarget]:
        return [n.receipt_target for n in self.find_many(notification_ids)]

    def record_handovers(self, handovers: Sequence[Handover], *, now: datetime) -> None:
        for handover in handovers:
            current = self._rows.get(handover.notification_id)
            if current is None:
                continue
            status = handover.status_after(current.status)
            self._session.put(self.table_name, current.id, _handed_over(
                current, handover.provider, handover.reference or current.reference, handover.billable_units, now,
                now, status))

    def mark_handing_over(self, notification_ids: Collection[UUID], *, now: datetime) -> Sequence[UUID]:
        marked = []
        for notification_id in sorted(set(notification_ids)):
            current = self._rows.get(notification_id)
            if current is not None and current.status is NotificationStatus.CREATED:
                self._session.put(self.table_name, current.id, _moved(current, current.status, now))
                marked.append(current.id)
        return marked

    def set_statuses(self, changes: Sequence[StatusChange], *, now: datetime) -> Sequence[UUID]:
        moved = []
        for change in changes:
            current = self._rows.get(change.notification_id)
            if current is None or current.status is not change.expected:
                continue
            self._session.put(self.table_name, current.id, _moved(current, change.status, now))
            moved.append(current.id)
        return moved

    def last_job_row_number(self, job_id: UUID) -> int | None:
        rows = [n.job_row_number for n in self._rows.values() if n.job_id == job_id and n.job_row_number is not None]
        return max(rows) if rows else None

    def page_matching(self, service_id: UUID, where: NotificationFilter, *, offset: int,
                      limit: int) -> Sequence[Notification]:
        rows = [n for n in self._rows.values() if n.service_id == service_id and where.matches(n)]
        rows.sort(key=lambda n: (n.created_at, n.id), reverse=True)
        return rows[offset:offset + limit]

    def count_matching(self, service_id: UUID, where: NotificationFilter) -> int:
        return sum(1 for n in self._rows.values() if n.service_id == service_id and where.matches(n))
