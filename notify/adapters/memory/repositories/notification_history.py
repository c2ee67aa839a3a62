"""Notification history in memory (the contract suite holds it to the SQL one's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.constants import KeyType
from notify.domain.notification import Notification
from notify.domain.notification_history import Expiry, NotificationHistory

from .notification_counts import NotificationCounts

NOTIFICATIONS = "notifications"


class InMemoryNotificationHistoryRepository(NotificationCounts[NotificationHistory]):
    table_name = "notification_history"

    def move_expired(self, expiry: Expiry, *, limit: int) -> Sequence[UUID]:
        notifications: dict[UUID, Notification] = self._session.table(NOTIFICATIONS)
        chosen = sorted((n for n in notifications.values() if expiry.covers(n)),
                        key=lambda n: (n.created_at, n.id))[:max(limit, 0)]
        for n in chosen:
            self._session.delete(NOTIFICATIONS, n.id)
            if n.key_type is not KeyType.TEST and n.id not in self._rows:
                self._session.put(self.table_name, n.id, NotificationHistory.of(n))
        return [n.id for n in chosen]

    def find(self, notification_id: UUID) -> NotificationHistory | None:
        return self._rows.get(notification_id)
