"""Complaints, in memory: `id -> Complaint`, one per provider feedback id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from notify.domain.complaint import Complaint

from .base import MemoryRepository


class InMemoryComplaintRepository(MemoryRepository[Complaint]):
    table_name = "complaints"

    def add(self, complaint: Complaint) -> None:
        self._insert(complaint.id, complaint, lambda c: c.ses_feedback_id == complaint.ses_feedback_id,
                     what="complaint")

    def find_by_feedback_id(self, ses_feedback_id: str) -> Complaint | None:
        return next((c for c in self._rows.values() if c.ses_feedback_id == ses_feedback_id), None)

    def list_for_service(self, service_id: UUID, *, limit: int | None = None) -> Sequence[Complaint]:
        found = sorted((c for c in self._rows.values() if c.service_id == service_id),
                       key=lambda c: (c.created_at, c.id), reverse=True)
        return found if limit is None else found[:max(limit, 0)]

    def page(self, *, page: int, page_size: int) -> tuple[Sequence[Complaint], int]:
        found = sorted(self._rows.values(), key=lambda c: (c.created_at, c.id), reverse=True)
        start = (max(page, 1) - 1) * page_size
        return found[start:start + page_size], len(found)

    def count_between(self, start: datetime, end: datetime) -> int:
        return sum(1 for c in self._rows.values() if start <= c.created_at < end)

    def count_for_service(self, service_id: UUID, *, created_after: datetime | None = None) -> int:
        return sum(1 for c in self._rows.values() if c.service_id == service_id
                   and (created_after is None or c.created_at >= created_after))
