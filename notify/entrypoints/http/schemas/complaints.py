"""Complaints on the admin API: every service's, a page at a time, and a count by UK days."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from attrs import define

from notify.domain.complaint import Complaint

from .fields import optional
from .jobs import PageLinks


@define(kw_only=True)
class ComplaintsQuery:
    page: int = optional(default=1, minimum=1)


@define(kw_only=True)
class ComplaintCountQuery:
    start_date: date | None = optional()
    end_date: date | None = optional()


@define(kw_only=True)
class ComplaintOut:
    id: UUID
    notification_id: UUID
    service_id: UUID
    service_name: str
    ses_feedback_id: str
    complaint_type: str | None
    complaint_date: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, c: Complaint, service_name: str) -> ComplaintOut:
        return cls(id=c.id, notification_id=c.notification_id, service_id=c.service_id, service_name=service_name,
                   ses_feedback_id=c.ses_feedback_id, complaint_type=c.complaint_type,
                   complaint_date=c.complaint_date, created_at=c.created_at)


@define(kw_only=True)
class ComplaintList:
    complaints: list[ComplaintOut]
    links: PageLinks
