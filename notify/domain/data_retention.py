"""How long a service keeps each channel's notifications (with their personal data) before the nightly purge
moves them to history: 7 days unless the service has set its own number for that channel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import NotificationType
from .errors import NotFound, ValidationFailed

DEFAULT_DAYS_OF_RETENTION = 7
MAX_DAYS_OF_RETENTION = 3650  # a look-back any date arithmetic takes; the admin app offers 3 to 90


class DataRetentionNotFound(NotFound): ...


@frozen(kw_only=True)
class ServiceDataRetention:
    id: UUID
    service_id: UUID
    notification_type: NotificationType
    days_of_retention: int
    created_at: datetime
    updated_at: datetime | None = None

    def changed(self, *, days_of_retention: int, now: datetime) -> ServiceDataRetention:
        return evolve(self, days_of_retention=days_of_retention, updated_at=now)


def days_of_retention(retentions: Iterable[ServiceDataRetention], notification_type: NotificationType) -> int:
    """The service's own setting for the channel, else the default."""
    return next((r.days_of_retention for r in retentions if r.notification_type is notification_type),
                DEFAULT_DAYS_OF_RETENTION)


def check_days(days: int) -> None:
    if not 1 <= days <= MAX_DAYS_OF_RETENTION:
        raise ValidationFailed({"days_of_retention": [f"must be between 1 and {MAX_DAYS_OF_RETENTION}"]})
