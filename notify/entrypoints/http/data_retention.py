"""Admin API: /service/{id}/data-retention (how long each channel's notifications are kept)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.domain.constants import NotificationType
from notify.domain.errors import ValidationFailed
from notify.usecases import data_retention as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.data_retention import AddRetention, ChangeRetention, RetentionOut


class DataRetentionResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/data-retention
    @operation(response=list[RetentionOut])
    def on_get(self, req: falcon.Request, service_id: UUID) -> list[RetentionOut]:
        """The service's settings, one per channel it has set."""
        return [RetentionOut.of(v) for v in usecases.list_retention(self._notify, service_id)]

    @operation(body=AddRetention, response=RetentionOut, key="result", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: AddRetention) -> RetentionOut:
        """Set a channel's retention; a second setting for the same channel is a 400."""
        return RetentionOut.of(usecases.add_retention(self._notify, service_id, notification_type=body.notification_type,
                                                      days_of_retention=body.days_of_retention))

    # /service/{service_id}/data-retention/{data_retention_id}
    @operation(response=RetentionOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, data_retention_id: UUID) -> RetentionOut:
        """One setting, or `{}`."""
        return RetentionOut.of(usecases.find_retention(self._notify, service_id, data_retention_id))

    @operation(body=ChangeRetention, status=204)
    def on_post_item(self, req: falcon.Request, service_id: UUID, data_retention_id: UUID,
                     body: ChangeRetention) -> None:
        """Change a setting's days (404 when the service has no such setting)."""
        usecases.change_retention(self._notify, service_id, data_retention_id,
                                  days_of_retention=body.days_of_retention)

    # /service/{service_id}/data-retention/notification-type/{notification_type}
    @operation(response=RetentionOut)
    def on_get_type(self, req: falcon.Request, service_id: UUID, notification_type: str) -> RetentionOut:
        """The channel's setting, or `{}` while it keeps the default."""
        try:
            channel = NotificationType(notification_type)
        except ValueError:
            raise ValidationFailed({"notification_type": [
                f"{notification_type} is not one of [{', '.join(t.value for t in NotificationType)}]"]}) from None
        return RetentionOut.of(usecases.find_retention_for_channel(self._notify, service_id, channel))
