"""Service callback APIs: where a service wants its receipts and other events posted. The bearer token goes
in and is never given back."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.callback_api import ServiceCallbackApi
from notify.domain.constants import CallbackType

from .fields import optional, required


@define(kw_only=True)
class CreateCallbackApi:
    url: str = required()
    bearer_token: str = required()
    updated_by_id: UUID = required()
    callback_type: CallbackType = required()


@define(kw_only=True)
class UpdateCallbackApi:
    callback_type: CallbackType = required()
    updated_by_id: UUID = required()
    url: str = optional()
    bearer_token: str = optional()


@define(kw_only=True)
class CallbackTypeQuery:
    """`?callback_type=`: optional on GET and DELETE; when given it must name the callback's type."""

    callback_type: CallbackType | None = optional(blank_is_missing=True)


@define(kw_only=True)
class CallbackApiOut:
    id: UUID
    service_id: UUID
    url: str
    updated_by_id: UUID
    created_at: datetime
    updated_at: datetime | None

    @classmethod
    def of(cls, c: ServiceCallbackApi) -> CallbackApiOut:
        return cls(id=c.id, service_id=c.service_id, url=c.url, updated_by_id=c.updated_by_id,
                   created_at=c.created_at, updated_at=c.updated_at)
