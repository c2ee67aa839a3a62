"""A complaint: a recipient marked one of a service's emails as spam, as the email provider reported it
(Notify's Complaint: the notification, the service, the provider's feedback id, its type and date)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo
from typing import Any
from uuid import UUID

from attrs import frozen

from .callback_api import CALLBACK_DATETIME


@frozen(kw_only=True)
class Complaint:
    id: UUID
    notification_id: UUID
    service_id: UUID
    ses_feedback_id: str  # the provider's id for this complaint: one complaint is stored once
    complaint_type: str | None = None  # e.g. abuse, fraud, not-spam (the feedback report's type)
    complaint_date: datetime | None = None  # when the recipient complained, as the provider says
    created_at: datetime

    def callback_payload(self, *, client_reference: str | None, to: str) -> dict[str, Any]:
        """What Notify posts to the service's `complaint` callback."""
        when = self.complaint_date or self.created_at
        return {"notification_id": str(self.notification_id), "complaint_id": str(self.id),
                "reference": client_reference, "to": to,
                "complaint_date": when.astimezone(timezone.utc).strftime(CALLBACK_DATETIME)}


COMPLAINTS_PAGE_SIZE = 50  # Notify's admin page size


def london_days(first: date, last: date) -> tuple[datetime, datetime]:
    """The UTC instants bounding the UK days `first` to `last`, both included (Notify counts by UK day)."""
    london = ZoneInfo("Europe/London")
    start = datetime.combine(first, time(), tzinfo=london)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=london)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)
