"""A complaint: a recipient marked one of a service's emails as spam, as the email provider reported it
(Notify's Complaint: the notification, the service, the provider's feedback id, its type and date)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import frozen


@frozen(kw_only=True)
class Complaint:
    id: UUID
    notification_id: UUID
    service_id: UUID
    ses_feedback_id: str  # the provider's id for this complaint: one complaint is stored once
    complaint_type: str | None = None  # e.g. abuse, fraud, not-spam (the feedback report's type)
    complaint_date: datetime | None = None  # when the recipient complained, as the provider says
    created_at: datetime
