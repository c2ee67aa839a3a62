"""Where the pool of inbound numbers is kept."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from notify.domain.inbound_number import InboundNumber


class InboundNumberRepository(Protocol):
    """Every number once; a service holds at most one."""

    def add(self, number: InboundNumber) -> None: ...  # AlreadyExists for a number already in the pool
    def update(self, number: InboundNumber) -> None: ...  # InboundNumberNotFound; AlreadyExists: service has one
    def get(self, number_id: UUID) -> InboundNumber: ...  # InboundNumberNotFound
    def list_all(self) -> Sequence[InboundNumber]: ...  # by number
    def list_available(self) -> Sequence[InboundNumber]: ...  # active and nobody's, by number
    def for_service(self, service_id: UUID) -> InboundNumber | None: ...
    def find_by_number(self, spellings: Collection[str]) -> InboundNumber | None: ...
    def give_to_service(self, number_id: UUID, service_id: UUID, *, now: datetime) -> InboundNumber | None:
        """Compare-and-set: the number, now the service's, when it was still available; None otherwise (taken,
        turned off or unknown), so two services asking at once never share one."""
        ...
