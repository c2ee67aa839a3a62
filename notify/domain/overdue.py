"""When a notification handed to a provider has waited too long for its delivery receipt.

A receipt can be lost: the process that was to record it died, or the provider never sent one. Two rules
settle such a notification, so that none stays `sending` (or `pending`) for ever:

- after `ask_after` without a receipt, the provider may be asked what became of the message (providers that
  can answer: ports.providers.DeliveryStatusQuery), and its answer is recorded as a receipt would be;
- after `give_up_after` (Notify's 72 hours), an SMS or email still waiting is a `temporary-failure`, as
  Notify times them out. Letters are never timed out: their post takes days and is reported in batches."""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import frozen

from .constants import NotificationStatus, NotificationType
from .notification import Notification

AWAITING_RECEIPT = frozenset({NotificationStatus.SENDING, NotificationStatus.PENDING})


@frozen(kw_only=True)
class ReceiptDeadlines:
    ask_after: timedelta = timedelta(minutes=10)
    give_up_after: timedelta = timedelta(hours=72)

    def ask_before(self, now: datetime) -> datetime:
        """Notifications created before this and still awaiting a receipt are worth asking about."""
        return now - self.ask_after

    def give_up_before(self, now: datetime) -> datetime:
        """Notifications created before this and still awaiting a receipt are timed out."""
        return now - self.give_up_after

    def timed_out(self, notification: Notification, now: datetime) -> NotificationStatus | None:
        """The status a notification takes when it has waited too long, or None while it may still wait."""
        if notification.status not in AWAITING_RECEIPT:
            return None
        if notification.notification_type is NotificationType.LETTER:
            return None
        if notification.created_at >= self.give_up_before(now):
            return None
        return NotificationStatus.TEMPORARY_FAILURE

    def worth_asking(self, notification: Notification, now: datetime) -> bool:
        return notification.status in AWAITING_RECEIPT and notification.created_at < self.ask_before(now)
