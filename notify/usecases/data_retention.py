"""A service's data retention per channel, as Notify's admin sets it: one setting per channel, days changed
in place; channels without one keep the 7-day default."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.constants import NotificationType
from notify.domain.data_retention import DataRetentionNotFound, ServiceDataRetention, check_days

from .app import Notify


@frozen
class RetentionView:
    retention: ServiceDataRetention
    service_name: str


def list_retention(notify: Notify, service_id: UUID) -> Sequence[RetentionView]:
    with notify.read_uow() as uow:
        name = uow.services.get(service_id).name
        return [RetentionView(r, name) for r in uow.data_retention.list_for_service(service_id)]


def find_retention(notify: Notify, service_id: UUID, retention_id: UUID) -> RetentionView | None:
    """None when the service has no such setting (Notify answers `{}` then, not a 404)."""
    return next((v for v in list_retention(notify, service_id) if v.retention.id == retention_id), None)


def find_retention_for_channel(notify: Notify, service_id: UUID,
                               notification_type: NotificationType) -> RetentionView | None:
    return next((v for v in list_retention(notify, service_id)
                 if v.retention.notification_type is notification_type), None)


def add_retention(notify: Notify, service_id: UUID, *, notification_type: NotificationType,
                  days_of_retention: int) -> RetentionView:
    check_days(days_of_retention)
    retention = ServiceDataRetention(id=notify.ids.new(), service_id=service_id, notification_type=notification_type,
                                     days_of_retention=days_of_retention, created_at=notify.clock.now())
    with notify.uow() as uow:
        name = uow.services.get(service_id).name
        if any(r.notification_type is notification_type for r in uow.data_retention.list_for_service(service_id)):
            raise _duplicate(notification_type)
        try:
            uow.data_retention.add(retention)
        except errors.AlreadyExists:  # another request set the same channel first
            raise _duplicate(notification_type) from None
        uow.commit()
    return RetentionView(retention, name)


def change_retention(notify: Notify, service_id: UUID, retention_id: UUID, *, days_of_retention: int) -> None:
    check_days(days_of_retention)
    with notify.uow() as uow:
        try:
            current = uow.data_retention.get(service_id, retention_id)
        except DataRetentionNotFound:
            raise DataRetentionNotFound(f"The service data retention for id: {retention_id} was not found for "
                                        f"service: {service_id}") from None
        uow.data_retention.update(current.changed(days_of_retention=days_of_retention, now=notify.clock.now()))
        uow.commit()


def _duplicate(notification_type: NotificationType) -> errors.InvalidRequest:
    return errors.InvalidRequest(f"Service already has data retention for {notification_type.value} notification type")
