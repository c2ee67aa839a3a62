"""Text message senders and email reply-to addresses of a service."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender

from .fields import optional, required

SMS_SENDER_MAX_LENGTH = 11  # Notify's column: GOVUK-style text or an 07… number


@define(kw_only=True)
class SmsSenderFields:
    sms_sender: str = required(max_length=SMS_SENDER_MAX_LENGTH, not_blank=True)
    is_default: bool = required()


@define(kw_only=True)
class AddSmsSender(SmsSenderFields):
    inbound_number_id: UUID | None = optional()


@define(kw_only=True)
class ReplyToFields:
    email_address: str = required(max_length=320, not_blank=True)
    is_default: bool = optional(default=True)  # absent: it becomes the default, as in Notify


@define(kw_only=True)
class SmsSenderOut:
    id: UUID
    sms_sender: str
    service_id: UUID
    is_default: bool
    archived: bool
    inbound_number_id: UUID | None
    created_at: datetime
    updated_at: datetime | None

    @classmethod
    def of(cls, s: ServiceSmsSender) -> SmsSenderOut:
        return cls(id=s.id, sms_sender=s.sms_sender, service_id=s.service_id, is_default=s.is_default,
                   archived=s.archived, inbound_number_id=s.inbound_number_id, created_at=s.created_at,
                   updated_at=s.updated_at)


@define(kw_only=True)
class ReplyToOut:
    id: UUID
    service_id: UUID
    email_address: str
    is_default: bool
    archived: bool
    created_at: datetime
    updated_at: datetime | None

    @classmethod
    def of(cls, r: ServiceEmailReplyTo) -> ReplyToOut:
        return cls(id=r.id, service_id=r.service_id, email_address=r.email_address, is_default=r.is_default,
                   archived=r.archived, created_at=r.created_at, updated_at=r.updated_at)
