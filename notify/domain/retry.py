"""Retries that outlive the process that scheduled them: what is to be tried again, and when.

A delivery whose providers all failed, and a delivery-status callback a service did not take, wait for their
next attempt. Held only in memory they would die with the process; a `ScheduledRetry` in the store is found
again by whichever process sweeps next. One per kind and notification: scheduling again replaces it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from attrs import frozen


class RetryKind(StrEnum):
    DELIVERY = "delivery"
    STATUS_CALLBACK = "status-callback"


@frozen(kw_only=True)
class ScheduledRetry:
    kind: RetryKind
    notification_id: UUID
    attempt: int  # the attempt this retry is (the first try was attempt 0)
    due_at: datetime
