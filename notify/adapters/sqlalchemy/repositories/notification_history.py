"""Notification history in SQL: the purge's move (through the dialect strategy) and the counts."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.notification_history import Expiry, NotificationHistory

from .. import rows as R
from .. import tables as t
from .notification_counts import NotificationCounts


class SqlAlchemyNotificationHistoryRepository(NotificationCounts[NotificationHistory]):
    table, map = t.notification_history, R.NOTIFICATION_HISTORY
    what = "notification"

    def move_expired(self, expiry: Expiry, *, limit: int) -> Sequence[UUID]:
        if limit <= 0:
            return []
        return self._session.dialect.move_expired(self._session, expiry, limit)

    def find(self, notification_id: UUID) -> NotificationHistory | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == notification_id))
