"""Email complaints (a recipient marked a message as spam, as Amazon SES reports): counted per service and
day (`complaints:<service id>:<yyyymmdd>`) and logged."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from notify.ports.provider_webhooks import ComplaintReport

from .app import Notify

log = logging.getLogger("notify.complaints")

COUNT_KEPT = timedelta(days=400)


def record_complaints(notify: Notify, provider: str, reports: Sequence[ComplaintReport]) -> int:
    """Returns how many complaints were about notifications we know."""
    now = notify.clock.now()
    ids = [r.notification_id for r in reports if r.notification_id is not None]
    with notify.uow() as uow:
        found = {n.id: n for n in uow.notifications.find_many(ids)} if ids else {}
        recorded = 0
        for report in reports:
            notification = found.get(report.notification_id) if report.notification_id else None
            if notification is None:
                log.warning("%s: complaint %s for an unknown notification (%s): dropped", provider,
                            report.feedback_id, report.notification_id or report.provider_reference)
                continue
            uow.counters.increment(f"complaints:{notification.service_id}:{now:%Y%m%d}", expires_at=now + COUNT_KEPT)
            log.warning("%s: complaint %s (%s) about notification %s of service %s", provider, report.feedback_id,
                        report.complaint_type or "unspecified", notification.id, notification.service_id)
            recorded += 1
        uow.commit()
    return recorded
