"""Reports made in the background: a team member asks for a CSV of the service's notifications (by channel and
outcome); a task writes it to the upload store while the request says how far it got. Asking again for the
same report while one is being made answers that one."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.constants import NotificationType
from notify.domain.notification_filter import NotificationFilter
from notify.domain.notification_report import london_time, status_in_words
from notify.domain.report_request import (REPORT_KEPT, REPORT_TYPE_NOTIFICATIONS, STATUSES_BY_FILTER, ReportRequest,
                                          ReportRequestNotFound, ReportStatus, StatusFilter)

from .admin_notifications import AdminNotification, report_page
from .app import Notify
from .user_refs import named_user

log = logging.getLogger("notify.reports")
CSV_HEADINGS = ("Recipient", "Reference", "Template", "Type", "Sent by", "Sent by email", "Job", "Status", "Time",
                "API key name")
BATCH = 1000
ALL_TYPES = "all"


def request_report(notify: Notify, service_id: UUID, *, user_id: UUID, notification_type: str | None,
                   notification_status: StatusFilter | None) -> tuple[ReportRequest, bool]:
    """The request, and whether it is new (False: the same report was already being made)."""
    if notify.uploads is None:
        raise errors.InvalidRequest("Uploads are not configured")
    now = notify.clock.now()
    wanted = ReportRequest(id=notify.ids.new(), user_id=user_id, service_id=service_id,
                           report_type=REPORT_TYPE_NOTIFICATIONS, status=ReportStatus.PENDING,
                           notification_type=notification_type or ALL_TYPES,
                           notification_status=notification_status or StatusFilter.ALL, created_at=now)
    with notify.uow() as uow:
        uow.services.get(service_id)
        named_user(uow, user_id)
        ongoing = [r for r in uow.report_requests.list_for_user(service_id, user_id)
                   if r.same_ask(wanted) and r.ongoing_at(now)]
        if ongoing:
            return ongoing[0], False
        uow.report_requests.add(wanted)
        uow.commit()
    if notify.report_runner is not None:
        notify.report_runner.later(lambda: make_report(notify, service_id, wanted.id))
    else:
        make_report(notify, service_id, wanted.id)
    return wanted, True


def get_report_request(notify: Notify, service_id: UUID, request_id: UUID) -> ReportRequest:
    with notify.read_uow() as uow:
        found = uow.report_requests.get(service_id, request_id)
    if found.status is ReportStatus.DELETED:
        raise ReportRequestNotFound()
    return found


def make_report(notify: Notify, service_id: UUID, request_id: UUID) -> None:
    """The background task: the CSV into the upload store under the request's id, then `stored` (or `failed`)."""
    request = _move(notify, service_id, request_id, ReportStatus.IN_PROGRESS)
    try:
        assert notify.uploads is not None
        notify.uploads.put(service_id, request_id, _csv(notify, request),
                           {"content_type": "text/csv", "report_type": request.report_type})
    except Exception:  # the request says so; the one who asked may ask again
        log.exception("report %s of service %s failed", request_id, service_id)
        _move(notify, service_id, request_id, ReportStatus.FAILED)
        return
    _move(notify, service_id, request_id, ReportStatus.STORED)


def _move(notify: Notify, service_id: UUID, request_id: UUID, status: ReportStatus) -> ReportRequest:
    with notify.uow() as uow:
        moved = uow.report_requests.get(service_id, request_id).moved_to(status, notify.clock.now())
        uow.report_requests.update(moved)
        uow.commit()
    return moved


def _csv(notify: Notify, request: ReportRequest) -> bytes:
    where = NotificationFilter(
        statuses=tuple(sorted(STATUSES_BY_FILTER[request.notification_status])),
        notification_types=None if request.notification_type == ALL_TYPES else (
            NotificationType(request.notification_type),))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADINGS)
    older_than: UUID | None = None
    while rows := report_page(notify, request.service_id, where, older_than=older_than, page_size=BATCH):
        writer.writerows(_row(v) for v in rows)
        older_than = rows[-1].notification.id
    return out.getvalue().encode("utf-8")


def _row(view: AdminNotification) -> Sequence[str]:
    n, by = view.notification, view.created_by
    return (n.to, n.client_reference or "", view.template.name, view.template.template_type.value,
            by.name if by else "", by.email_address if by else "", view.job_file_name or "",
            status_in_words(n.notification_type, n.status), london_time(n.created_at), view.key_name or "")


def remove_expired_reports(notify: Notify) -> int:
    """The nightly purge's part: reports older than a day leave the upload store, their requests `deleted`."""
    now = notify.clock.now()
    with notify.uow() as uow:
        expired = uow.report_requests.list_created_before(now - REPORT_KEPT)
    for request in expired:
        if notify.uploads is not None:
            notify.uploads.delete(request.service_id, request.id)
        _move(notify, request.service_id, request.id, ReportStatus.DELETED)
    return len(expired)
