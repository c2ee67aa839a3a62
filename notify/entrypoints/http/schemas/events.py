"""Recorded events, and the protected sender id check, on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.event import Event

from .fields import optional, required


@define(kw_only=True)
class RecordEvent:
    event_type: str = required(max_length=255, not_blank=True)
    data: dict[str, Any] = required()


@define(kw_only=True)
class EventOut:
    id: UUID
    event_type: str
    created_at: datetime
    data: dict[str, Any]

    @classmethod
    def of(cls, event: Event) -> EventOut:
        return cls(id=event.id, event_type=event.event_type, created_at=event.created_at, data=dict(event.data))


@define(kw_only=True)
class SenderIdQuery:
    sender_id: str | None = optional(max_length=255)
