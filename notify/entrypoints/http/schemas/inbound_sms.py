"""Inbound text messages: what the fake provider posts, the admin search, and one message as both APIs show
it (Notify's InboundSms.serialize)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.inbound_sms import InboundSms

from .fields import INT_MAX, optional, required


@define(kw_only=True)
class FakeInboundSms:
    """What the fake provider posts: who sent what to which of our numbers (`id`, `date`: its own record)."""

    source: str = required(max_length=255, not_blank=True)
    destination: str = required(max_length=255, not_blank=True)
    message: str = required()
    id: str | None = optional(max_length=255)
    date: datetime | None = optional()


@define(kw_only=True)
class InboundSmsSearch:
    phone_number: str | None = optional(max_length=255)


@define(kw_only=True)
class InboundSmsQuery:
    phone_number: str = optional(max_length=255)
    limit: int = optional(minimum=1, maximum=INT_MAX)


@define(kw_only=True)
class InboundSmsOut:
    id: UUID
    created_at: datetime
    service_id: UUID
    notify_number: str
    user_number: str
    content: str

    @classmethod
    def of(cls, m: InboundSms) -> InboundSmsOut:
        return cls(id=m.id, created_at=m.created_at, service_id=m.service_id, notify_number=m.notify_number,
                   user_number=m.user_number, content=m.content)


@define(kw_only=True)
class InboundSmsSummary:
    count: int
    most_recent: datetime | None


@define(kw_only=True)
class Acknowledged:
    status: str


@define(kw_only=True)
class PageQuery:
    page: int = optional(default=1, minimum=1, maximum=INT_MAX)


@define(kw_only=True)
class Conversations:
    data: list[InboundSmsOut]
    has_next: bool
