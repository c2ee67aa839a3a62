"""A phone number people can text a service on (Notify's InboundNumber): numbers wait in a pool, one is given to
a service (which then sends from it, through a text message sender tied to the number), can be turned off, and
is released to the pool or retired when the service stops receiving texts."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .errors import NotFound


class InboundNumberNotFound(NotFound): ...


@frozen(kw_only=True)
class InboundNumber:
    id: UUID
    number: str  # as the provider spells it to us and the service's sender shows it (07…)
    provider: str
    created_at: datetime
    service_id: UUID | None = None
    active: bool = True
    updated_at: datetime | None = None

    @property
    def available(self) -> bool:
        return self.active and self.service_id is None

    def switched(self, *, active: bool, now: datetime) -> InboundNumber:
        return evolve(self, active=active, updated_at=now)

    def given_to(self, service_id: UUID, *, now: datetime) -> InboundNumber:
        return evolve(self, service_id=service_id, updated_at=now)

    def let_go(self, *, retire: bool, now: datetime) -> InboundNumber:
        """Back in the pool for another service, or (`retire`) kept out of it for good."""
        return evolve(self, service_id=None, active=not retire, updated_at=now)
