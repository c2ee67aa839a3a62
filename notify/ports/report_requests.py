"""Where requests for background reports are kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from notify.domain.report_request import ReportRequest


class ReportRequestRepository(Protocol):
    """Scoped to a service: another service's request id is ReportRequestNotFound."""

    def add(self, request: ReportRequest) -> None: ...
    def update(self, request: ReportRequest) -> None: ...
    def get(self, service_id: UUID, request_id: UUID) -> ReportRequest: ...
    def list_for_user(self, service_id: UUID, user_id: UUID) -> Sequence[ReportRequest]: ...  # oldest first
    def list_created_before(self, before: datetime) -> Sequence[ReportRequest]:
        """Every service's requests made before then and not yet deleted, oldest first: for the nightly purge."""
        ...
