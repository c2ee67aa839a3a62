"""Data retention: the add and change bodies, and how a setting is shown (`{}` when there is none)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.constants import NotificationType
from notify.usecases.data_retention import RetentionView

from .fields import optional, required


@define(kw_only=True)
class AddRetention:
    notification_type: NotificationType = required()
    days_of_retention: int = required()


@define(kw_only=True)
class ChangeRetention:
    days_of_retention: int = required()


@define(kw_only=True)
class RetentionOut:
    """Every field is left out for a setting that does not exist: Notify answers `{}` rather than a 404."""

    id: UUID | None = optional(omit_if_none=True)
    service_id: UUID | None = optional(omit_if_none=True)
    service_name: str | None = optional(omit_if_none=True)
    notification_type: NotificationType | None = optional(omit_if_none=True)
    days_of_retention: int | None = optional(omit_if_none=True)
    created_at: datetime | None = optional(omit_if_none=True)
    updated_at: datetime | None = optional(omit_if_none=True)  # left out until the first change

    @classmethod
    def of(cls, view: RetentionView | None) -> RetentionOut:
        if view is None:
            return cls()
        r = view.retention
        return cls(id=r.id, service_id=r.service_id, service_name=view.service_name,
                   notification_type=r.notification_type, days_of_retention=r.days_of_retention,
                   created_at=r.created_at, updated_at=r.updated_at)
