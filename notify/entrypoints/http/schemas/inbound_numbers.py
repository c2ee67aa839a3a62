"""The inbound number pool: one number as Notify's admin shows it, and the request to give a service one."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.usecases.inbound_numbers import InboundNumberView

from .fields import optional, required


@define(kw_only=True)
class NumberHolder:
    id: UUID
    name: str


@define(kw_only=True)
class InboundNumberOut:
    """Every field is left out where the service has no number (Notify answers `{"data": {}}` rather than a 404);
    `service` while no service holds it, `updated_at` until the first change."""

    id: UUID | None = optional(omit_if_none=True)
    number: str | None = optional(omit_if_none=True)
    provider: str | None = optional(omit_if_none=True)
    service: NumberHolder | None = optional(omit_if_none=True)
    active: bool | None = optional(omit_if_none=True)
    created_at: datetime | None = optional(omit_if_none=True)
    updated_at: datetime | None = optional(omit_if_none=True)

    @classmethod
    def of(cls, view: InboundNumberView) -> InboundNumberOut:
        n = view.number
        holder = NumberHolder(id=n.service_id, name=view.service_name) \
            if n.service_id is not None and view.service_name is not None else None
        return cls(id=n.id, number=n.number, provider=n.provider, service=holder, active=n.active,
                   created_at=n.created_at, updated_at=n.updated_at)


@define(kw_only=True)
class GiveNumber:
    inbound_number_id: UUID | None = optional()  # absent: the first free number


@define(kw_only=True)
class RemoveInboundSms:
    archive: bool = required()  # true: the number is retired; false: it goes back to the pool


@define(kw_only=True)
class MostRecentUsage:
    most_recent_date: datetime | None


@define(kw_only=True)
class Empty:
    """`{}`."""
