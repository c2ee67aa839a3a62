"""Where a service wants delivery receipts (and other events) posted back to it."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import CallbackType


@frozen(kw_only=True)
class ServiceCallbackApi:
    id: UUID
    service_id: UUID
    url: str
    bearer_token: str  # plaintext in the domain; adapters store it encrypted
    callback_type: CallbackType
    updated_by_id: UUID
    created_at: datetime
    updated_at: datetime | None = None
    version: int = 1

    def changed(self, *, now: datetime, **changes: object) -> ServiceCallbackApi:
        return evolve(self, **changes, version=self.version + 1, updated_at=now)  # type: ignore[arg-type]
