"""A letter the printer reported as returned to sender (Notify's ReturnedLetter): one per letter, on the day it
was reported."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from attrs import frozen


@frozen(kw_only=True)
class ReturnedLetter:
    id: UUID
    service_id: UUID
    notification_id: UUID
    reported_at: date
    created_at: datetime
    updated_at: datetime | None = None
