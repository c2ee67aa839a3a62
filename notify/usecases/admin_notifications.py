"""The admin side's reads of a service's notifications: the filtered, paged list (all key types the caller asks
for, spreadsheet sends included), one notification, a job's notifications, and how many match."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from uuid import UUID

from attrs import evolve, frozen

from notify.domain.errors import InvalidRequest, NotificationNotFound
from notify.domain.letter_cancellation import CANCELLABLE, cancelled_letter
from notify.domain.notification import Notification
from notify.domain.notification_filter import NotificationFilter
from notify.domain.template import Template
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify

COUNT_DAYS = 7


@frozen
class AdminNotification:
    """A notification with what the admin JSON shows beside it."""

    notification: Notification
    template: Template
    job_file_name: str | None
    created_by: User | None
    key_name: str | None


@frozen
class AdminNotificationPage:
    notifications: list[AdminNotification]
    page: int
    page_size: int
    has_next: bool
    total: int | None  # None unless asked for: counting a large service's rows is slow


def _views(uow: UnitOfWork, service_id: UUID, rows: Sequence[Notification]) -> list[AdminNotification]:
    templates: dict[tuple[UUID, int], Template] = {}
    jobs: dict[UUID, str | None] = {}
    creator_ids = {n.created_by_id for n in rows if n.created_by_id is not None}
    users = {u.id: u for u in uow.users.list(sorted(creator_ids, key=str))} if creator_ids else {}
    keys = {k.id: k.name for k in uow.api_keys.history_for_service(service_id)} \
        if any(n.api_key_id for n in rows) else {}
    views = []
    for n in rows:
        key = (n.template_id, n.template_version)
        if key not in templates:
            templates[key] = uow.templates.get_version(service_id, *key)
        if n.job_id is not None and n.job_id not in jobs:
            found = uow.jobs.find(n.job_id)
            jobs[n.job_id] = found.original_file_name if found is not None else None
        views.append(AdminNotification(
            n, templates[key], jobs.get(n.job_id) if n.job_id else None,
            users.get(n.created_by_id) if n.created_by_id else None,
            keys.get(n.api_key_id) if n.api_key_id else None))
    return views


def _since(notify: Notify, limit_days: int | None) -> NotificationFilter:
    if limit_days is None:
        return NotificationFilter()
    return NotificationFilter(created_since=notify.clock.now() - timedelta(days=limit_days))


def list_notifications(notify: Notify, service_id: UUID, where: NotificationFilter, *, page: int, page_size: int,
                       limit_days: int | None = None, count: bool = False) -> AdminNotificationPage:
    """Newest first. One row past the page tells whether another page follows, without counting them all.
    An unknown service answers ServiceNotFound (a 404), never an empty page."""
    if limit_days is not None:
        where = evolve(where, created_since=_since(notify, limit_days).created_since)
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        rows = uow.notifications.page_matching(service_id, where, offset=(page - 1) * page_size,
                                               limit=page_size + 1)
        total = uow.notifications.count_matching(service_id, where) if count else None
        return AdminNotificationPage(_views(uow, service_id, rows[:page_size]), page, page_size,
                                     len(rows) > page_size, total)


def list_job_notifications(notify: Notify, service_id: UUID, job_id: UUID, where: NotificationFilter, *,
                           page: int, page_size: int) -> AdminNotificationPage:
    """A job's notifications (test-key sends too: a job has none), in row order's reverse as Notify pages them."""
    with notify.read_uow() as uow:
        uow.jobs.get(service_id, job_id)  # JobNotFound for another service's job
    return list_notifications(notify, service_id, evolve(where, job_id=job_id, include_test_key=True),
                              page=page, page_size=page_size, count=True)


def get_notification(notify: Notify, service_id: UUID, notification_id: UUID) -> AdminNotification:
    with notify.read_uow() as uow:
        return _views(uow, service_id, [uow.notifications.get(service_id, notification_id)])[0]


def count_notifications(notify: Notify, service_id: UUID, where: NotificationFilter, *,
                        limit_days: int | None = None) -> int:
    """How many the service sent (test-key sends not counted) over the last `limit_days`, 7 unless given."""
    where = evolve(where, created_since=_since(notify, limit_days or COUNT_DAYS).created_since)
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        return uow.notifications.count_matching(service_id, where)


def cancel_letter(notify: Notify, service_id: UUID, notification_id: UUID) -> AdminNotification:
    """Cancel a letter not yet printed. Compare-and-set, so a letter the print run took meanwhile stays sent."""
    now = notify.clock.now()
    with notify.uow() as uow:
        try:
            notification = uow.notifications.get(service_id, notification_id)
        except NotificationNotFound:
            raise NotificationNotFound("Notification not found") from None
        cancelled = cancelled_letter(notification, now=now)
        if not uow.notifications.update_if_status(cancelled, expected=CANCELLABLE):
            raise InvalidRequest("We could not cancel this letter. It is being printed.")
        uow.commit()
        return _views(uow, service_id, [cancelled])[0]


def report_page(notify: Notify, service_id: UUID, where: NotificationFilter, *, older_than: UUID | None,
                page_size: int, limit_days: int | None = None) -> list[AdminNotification]:
    """One batch of the CSV download: newest first, after `older_than` (a notification of the service)."""
    where = evolve(where, created_since=_since(notify, limit_days).created_since)
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        if older_than is not None:
            anchor = uow.notifications.get(service_id, older_than)
            where = evolve(where, created_before=anchor.created_at)
        rows = uow.notifications.page_matching(service_id, where, offset=0, limit=page_size)
        return _views(uow, service_id, rows)
