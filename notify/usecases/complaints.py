"""Email complaints (a recipient marked a message as spam, as Amazon SES reports it): stored once per
provider feedback id, with the notification and its service (Notify's Complaint), and counted per service."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from notify.domain.complaint import Complaint
from notify.domain.errors import AlreadyExists
from notify.ports.provider_webhooks import ComplaintReport

from .app import Notify

log = logging.getLogger("notify.complaints")


def record_complaints(notify: Notify, provider: str, reports: Sequence[ComplaintReport]) -> list[Complaint]:
    """The complaints newly stored; one for a notification we do not know, or already stored, changes nothing."""
    now = notify.clock.now()
    ids = [r.notification_id for r in reports if r.notification_id is not None]
    stored: list[Complaint] = []
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
        uow.commit()
    return stored


def list_complaints(notify: Notify, service_id: UUID, *, limit: int | None = None) -> Sequence[Complaint]:
    with notify.read_uow() as uow:
        return uow.complaints.list_for_service(service_id, limit=limit)


def count_complaints(notify: Notify, service_id: UUID, *, since: datetime | None = None) -> int:
    with notify.read_uow() as uow:
        return uow.complaints.count_for_service(service_id, created_after=since)
