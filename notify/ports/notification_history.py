"""Where notifications go when their retention ends: history, without recipient or content."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from notify.domain.constants import NotificationStatus
from notify.domain.notification_history import Expiry, NotificationHistory
from notify.domain.statistics import Period, StatusCount, TemplateCount, TemplateStatusCount


class NotificationHistoryRepository(Protocol):
    def move_expired(self, expiry: Expiry, *, limit: int) -> Sequence[UUID]:
        """Up to `limit` of the notifications `expiry` covers, oldest first, leave `notifications`: each kept in
        history (a test key's is not), in this unit of work. Returns their ids. Rows another transaction holds
        are skipped (PostgreSQL: FOR UPDATE SKIP LOCKED), so two purges at once share the work and neither
        waits on a send; a row already in history is left as it is."""
        ...

    def find(self, notification_id: UUID) -> NotificationHistory | None: ...  # any service
    def status_counts(self, periods: Sequence[Period], *, service_ids: Sequence[UUID] | None = None,
                      include_test_key: bool = False) -> Sequence[StatusCount]: ...  # as notifications'
    def template_counts(self, service_id: UUID, periods: Sequence[Period]) -> Sequence[TemplateCount]: ...
    def counts_for_jobs(self, job_ids: Sequence[UUID]) -> Mapping[UUID, Mapping[NotificationStatus, int]]: ...
    def template_status_counts(self, service_id: UUID, since: datetime) -> Sequence[TemplateStatusCount]: ...
    def last_sent(self, service_id: UUID, template_id: UUID) -> datetime | None: ...
