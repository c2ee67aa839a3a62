"""Text messages received on a service's inbound numbers."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

from notify.domain import errors
from notify.domain.inbound_sms import InboundSms

from .base import NoPage, ServiceScopedRepository, page_start


class InMemoryInboundSmsRepository(ServiceScopedRepository[InboundSms]):
    table_name = "inbound_sms"
    not_found = errors.InboundSmsNotFound

    def add(self, inbound: InboundSms) -> None:
        self._insert(inbound.id, inbound, what="inbound sms")

    def get(self, service_id: UUID, inbound_id: UUID) -> InboundSms:
        return self._get_for(service_id, inbound_id)

    def list_for_service(self, service_id: UUID, *, user_number: str | None = None,
                         created_after: datetime | None = None, older_than: UUID | None = None,
                         limit: int | None = None,
                         notify_numbers: Collection[str] | None = None) -> Sequence[InboundSms]:
        before = page_start(self._rows, older_than, service_id)
        if isinstance(before, NoPage):
            return []
        rows = sorted((m for m in self._rows.values() if m.service_id == service_id
                       and (user_number is None or m.user_number == user_number)
                       and (notify_numbers is None or m.notify_number in notify_numbers)
                       and (created_after is None or m.created_at >= created_after)
                       and (before is None or m.created_at < before)),
                      key=lambda m: (m.created_at, m.id), reverse=True)
        return rows if limit is None else rows[:max(limit, 0)]

    def count_for_service(self, service_id: UUID, *, created_after: datetime | None = None) -> int:
        return len(self.list_for_service(service_id, created_after=created_after))
