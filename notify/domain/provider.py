"""Provider details: which SMS, email and letter providers are used, and in what share."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import NotificationType


@frozen(kw_only=True)
class ProviderDetails:
    id: UUID
    identifier: str  # e.g. mmg, firetext, ses, dvla
    display_name: str
    notification_type: NotificationType
    priority: int
    active: bool = False
    supports_international: bool = False
    version: int = 1
    updated_at: datetime | None = None
    created_by_id: UUID | None = None

    def changed(self, *, now: datetime, **changes: object) -> ProviderDetails:
        return evolve(self, **changes, version=self.version + 1, updated_at=now)  # type: ignore[arg-type]
