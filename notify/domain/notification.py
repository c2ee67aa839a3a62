"""Notifications: one message to one recipient, and the statuses it moves through."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import evolve, field, frozen

from .constants import KeyType, NotificationStatus, NotificationType, UPDATABLE_STATUSES, COMPLETED_STATUSES
from .errors import InvalidStatusTransition


@frozen(kw_only=True)
class Notification:
    id: UUID
    service_id: UUID
    template_id: UUID
    template_version: int
    notification_type: NotificationType
    to: str
    created_at: datetime
    key_type: KeyType = KeyType.NORMAL
    api_key_id: UUID | None = None
    normalised_to: str | None = None
    status: NotificationStatus = NotificationStatus.CREATED
    personalisation: dict[str, Any] = field(factory=dict)
    job_id: UUID | None = None
    job_row_number: int | None = None
    sent_at: datetime | None = None
    sent_by: str | None = None
    updated_at: datetime | None = None
    billable_units: int = 0
    rate_multiplier: float | None = None
    international: bool = False
    phone_prefix: str | None = None
    client_reference: str | None = None
    reference: str | None = None  # the provider's reference
    postage: str | None = None
    created_by_id: UUID | None = None
    reply_to_text: str | None = None
    one_click_unsubscribe_url: str | None = None

    @property
    def completed(self) -> bool:
        return self.status in COMPLETED_STATUSES

    def mark_sending(self, *, provider: str, now: datetime, status: NotificationStatus = NotificationStatus.SENDING,
                     billable_units: int | None = None, reference: str | None = None) -> Notification:
        if self.status is not NotificationStatus.CREATED:
            raise InvalidStatusTransition(self.status, status)
        return evolve(
            self,
            status=status,
            sent_by=provider,
            sent_at=now,
            updated_at=now,
            billable_units=self.billable_units if billable_units is None else billable_units,
            reference=reference or self.reference,
        )

    def with_status(self, status: NotificationStatus, *, now: datetime) -> Notification:
        """Apply a receipt. Completed notifications never move again (Notify's update guard)."""
        if self.status not in UPDATABLE_STATUSES:
            raise InvalidStatusTransition(self.status, status)
        return evolve(self, status=status, updated_at=now)
