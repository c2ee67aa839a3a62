"""Events the admin app records, and the sender ids only their owners may use."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from notify.domain.event import Event


class EventRepository(Protocol):
    def add(self, event: Event) -> None: ...
    def get(self, event_id: UUID) -> Event: ...  # NotFound


class ProtectedSenderIdRepository(Protocol):
    """Text message sender ids (normalised: no spaces, lower case) a service may not take without proof."""

    def add(self, sender_id: str) -> None: ...  # a second add of the same id changes nothing
    def is_protected(self, sender_id: str) -> bool: ...
