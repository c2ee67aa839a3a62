"""Where complaints are kept (domain.complaint)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from notify.domain.complaint import Complaint


class ComplaintRepository(Protocol):
    def add(self, complaint: Complaint) -> None:
        """AlreadyExists when a complaint with the same id or provider feedback id is stored."""
        ...

    def find_by_feedback_id(self, ses_feedback_id: str) -> Complaint | None: ...

    def list_for_service(self, service_id: UUID, *, limit: int | None = None) -> Sequence[Complaint]:
        """Newest first (by created_at, then id)."""
        ...

    def count_for_service(self, service_id: UUID, *, created_after: datetime | None = None) -> int: ...

    def page(self, *, page: int, page_size: int) -> tuple[Sequence[Complaint], int]:
        """Every service's complaints, newest first (by created_at, then id): page `page` (from 1), and the
        total."""
        ...

    def count_between(self, start: datetime, end: datetime) -> int:
        """Complaints created at or after `start` and before `end`."""
        ...
