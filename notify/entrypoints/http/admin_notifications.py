"""Admin API: a service's notifications as the admin app reads them (/service/{id}/notifications...) and a
job's notifications (/service/{id}/job/{job_id}/notifications)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.domain.constants import NotificationType
from notify.domain.notification_filter import NotificationFilter
from notify.usecases import admin_notifications as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.admin_notifications import (
    AdminNotificationList, AdminNotificationOut, AdminNotificationsQuery, CountQuery, JobNotificationList,
    MoreLinks, NotificationsSentCount, ReportPage, ReportQuery, ReportRow, filters_posted,
)
from .schemas.reading import admin_json
from .schemas.jobs import PageLinks


class AdminNotificationResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/notifications
    @operation(query=AdminNotificationsQuery, response=AdminNotificationList)
    def on_get(self, req: falcon.Request, service_id: UUID, query: AdminNotificationsQuery) -> AdminNotificationList:
        """The service's notifications, newest first, a page at a time; test-key sends only when asked for."""
        return self._listed(service_id, query)

    # The admin app may post the same filters as a JSON object instead (Notify reads either)
    @operation(body=AdminNotificationsQuery, response=AdminNotificationList,
               source=lambda _resource, req, _params: filters_posted(admin_json(req)))
    def on_post(self, req: falcon.Request, service_id: UUID, body: AdminNotificationsQuery) -> AdminNotificationList:
        """The service's notifications, filtered by the posted object as by the query string."""
        return self._listed(service_id, body)

    def _listed(self, service_id: UUID, query: AdminNotificationsQuery) -> AdminNotificationList:
        page = usecases.list_notifications(self._notify, service_id, query.filter(), page=query.page,
                                           page_size=query.page_size, limit_days=query.limit_days)
        links = MoreLinks(prev=True if page.page > 1 else None, next=True if page.has_next else None) \
            if query.counted else MoreLinks()
        return AdminNotificationList(notifications=[AdminNotificationOut.of(v) for v in page.notifications],
                                     page_size=page.page_size, links=links)

    # /service/{service_id}/notifications/{notification_id}
    @operation(response=AdminNotificationOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, notification_id: UUID) -> AdminNotificationOut:
        """One notification of the service, whatever key sent it; another service's id is not found."""
        return AdminNotificationOut.of(usecases.get_notification(self._notify, service_id, notification_id))

    # /service/{service_id}/notifications/{notification_id}/cancel
    @operation(response=AdminNotificationOut)
    def on_post_cancel(self, req: falcon.Request, service_id: UUID, notification_id: UUID) -> AdminNotificationOut:
        """Cancel a letter before its print run (400 with the reason when it is too late or not a letter)."""
        return AdminNotificationOut.of(usecases.cancel_letter(self._notify, service_id, notification_id))

    # /service/{service_id}/notifications/csv
    @operation(query=ReportQuery, response=ReportPage)
    def on_get_csv(self, req: falcon.Request, service_id: UUID, query: ReportQuery) -> ReportPage:
        """A batch of the download, rows as the CSV shows them; the next batch is `older_than` the last id."""
        rows = usecases.report_page(self._notify, service_id, query.filter(), older_than=query.older_than,
                                    page_size=query.page_size, limit_days=query.limit_days)
        return ReportPage(notifications=[ReportRow.of(v) for v in rows], page_size=query.page_size)

    # Notify reads the same query string for POST (the admin app posts, to keep filters out of logs)
    on_post_csv = on_get_csv

    # /service/{service_id}/notifications/count
    @operation(query=CountQuery, response=NotificationsSentCount)
    def on_get_count(self, req: falcon.Request, service_id: UUID, query: CountQuery) -> NotificationsSentCount:
        """How many the service sent (live and team keys) over the last `limit_days` (7 unless given)."""
        types = tuple(NotificationType(t) for t in query.template_type) or None
        return NotificationsSentCount(notifications_sent_count=usecases.count_notifications(
            self._notify, service_id, NotificationFilter(notification_types=types), limit_days=query.limit_days))

    # /service/{service_id}/job/{job_id}/notifications
    @operation(query=AdminNotificationsQuery, response=JobNotificationList)
    def on_get_job(self, req: falcon.Request, service_id: UUID, job_id: UUID,
                   query: AdminNotificationsQuery) -> JobNotificationList:
        """A job's notifications a page at a time, with the total and page links."""
        page = usecases.list_job_notifications(self._notify, service_id, job_id, query.filter(), page=query.page,
                                               page_size=query.page_size)
        total = page.total or 0
        base = f"/service/{service_id}/job/{job_id}/notifications"
        last = -(-total // page.page_size)
        links = PageLinks(prev=f"{base}?page={page.page - 1}" if page.page > 1 else None,
                          next=f"{base}?page={page.page + 1}" if page.has_next else None,
                          last=f"{base}?page={last}" if page.has_next else None)
        return JobNotificationList(notifications=[AdminNotificationOut.of(v) for v in page.notifications],
                                   page_size=page.page_size, total=total, links=links)
