"""Email complaints (a recipient marked a message as spam, as Amazon SES reports it): stored once per
provider feedback id, with the notification and its service (Notify's Complaint), counted per service, and
posted to the service's `complaint` callback when it has one (retried as delivery-status callbacks are, in
this process)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from uuid import UUID

from attrs import frozen

from notify.domain.complaint import COMPLAINTS_PAGE_SIZE, Complaint, london_days
from notify.domain.constants import CallbackType
from notify.domain.errors import AlreadyExists
from notify.domain.notification import Notification
from notify.ports.provider_webhooks import ComplaintReport

from .app import Notify
from .service_callbacks import post_to_service

log = logging.getLogger("notify.complaints")


def record_complaints(notify: Notify, provider: str, reports: Sequence[ComplaintReport]) -> list[Complaint]:
    """The complaints newly stored; one for a notification we do not know, or already stored, changes nothing."""
    now = notify.clock.now()
    ids = [r.notification_id for r in reports if r.notification_id is not None]
    stored: list[Complaint] = []
    calls: list[tuple[Complaint, Notification]] = []
    with notify.uow() as uow:
        found = {n.id: n for n in uow.notifications.find_many(ids)} if ids else {}
        for report in reports:
            notification = found.get(report.notification_id) if report.notification_id else None
            if notification is None:
                log.warning("%s: complaint %s for an unknown notification (%s): dropped", provider,
                            report.feedback_id, report.notification_id or report.provider_reference)
                continue
            if uow.complaints.find_by_feedback_id(report.feedback_id) is not None:
                continue
            complaint = Complaint(id=notify.ids.new(), notification_id=notification.id,
                                  service_id=notification.service_id, ses_feedback_id=report.feedback_id,
                                  complaint_type=report.complaint_type, complaint_date=report.complaint_date,
                                  created_at=now)
            try:
                uow.complaints.add(complaint)
            except AlreadyExists:
                continue  # another process stored the same complaint a moment ago
            log.warning("%s: complaint %s (%s) about notification %s of service %s", provider,
                        report.feedback_id, report.complaint_type or "unspecified", notification.id,
                        notification.service_id)
            stored.append(complaint)
            calls.append((complaint, notification))
        uow.commit()
    for complaint, notification in calls:
        _call_back(notify, complaint, notification)
    return stored


def _call_back(notify: Notify, complaint: Complaint, notification: Notification) -> None:
    payload = complaint.callback_payload(client_reference=notification.client_reference, to=notification.to)
    post_to_service(notify, complaint.service_id, CallbackType.COMPLAINT, payload, what=f"complaint {complaint.id}")


def list_complaints(notify: Notify, service_id: UUID, *, limit: int | None = None) -> Sequence[Complaint]:
    with notify.read_uow() as uow:
        return uow.complaints.list_for_service(service_id, limit=limit)


def count_complaints(notify: Notify, service_id: UUID, *, since: datetime | None = None) -> int:
    with notify.read_uow() as uow:
        return uow.complaints.count_for_service(service_id, created_after=since)


@frozen
class ComplaintPage:
    complaints: Sequence[tuple[Complaint, str]]  # each with its service's name
    total: int
    page_size: int


def all_complaints(notify: Notify, *, page: int) -> ComplaintPage:
    """Every service's complaints, newest first, a page at a time (platform admins read these)."""
    with notify.read_uow() as uow:
        found, total = uow.complaints.page(page=page, page_size=COMPLAINTS_PAGE_SIZE)
        names = {sid: uow.services.get(sid).name for sid in {c.service_id for c in found}}
    return ComplaintPage(complaints=[(c, names[c.service_id]) for c in found], total=total,
                         page_size=COMPLAINTS_PAGE_SIZE)


def count_complaints_between(notify: Notify, first: date | None, last: date | None) -> int:
    """Complaints received on the UK days `first` to `last` (either left out: today)."""
    today = notify.clock.now().date()
    start, end = london_days(first or today, last or today)
    with notify.read_uow() as uow:
        return uow.complaints.count_between(start, end)
