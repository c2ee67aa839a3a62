"""Data retention settings: one per service and channel, changed in place, scoped to their service."""

from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain import errors
from notify.domain.constants import NotificationType
from notify.domain.data_retention import DataRetentionNotFound, ServiceDataRetention

from .helpers import NewUow, add_service, later


def retention(service_id, kind=NotificationType.SMS, days=30):  # type: ignore[no-untyped-def]
    return ServiceDataRetention(id=uuid4(), service_id=service_id, notification_type=kind, days_of_retention=days,
                                created_at=later())


def test_settings_round_trip_and_stay_with_their_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    sms, email = retention(service.id), retention(service.id, NotificationType.EMAIL, 10)
    theirs = retention(other.id)
    with new_uow() as uow:
        for r in (sms, email, theirs):
            uow.data_retention.add(r)
        uow.commit()
    with new_uow() as uow:
        assert uow.data_retention.get(service.id, sms.id) == sms
        assert uow.data_retention.list_for_service(service.id) == [email, sms]
        assert set(uow.data_retention.list_all()) == {sms, email, theirs}
        with pytest.raises(DataRetentionNotFound):
            uow.data_retention.get(other.id, sms.id)


def test_one_setting_per_channel(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    with new_uow() as uow:
        uow.data_retention.add(retention(service.id))
        uow.commit()
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.data_retention.add(retention(service.id, days=5))


def test_update_changes_days_and_unknown_ids_are_not_found(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    r = retention(service.id)
    with new_uow() as uow:
        uow.data_retention.add(r)
        uow.commit()
    changed = r.changed(days_of_retention=3, now=later(minutes=1))
    with new_uow() as uow:
        uow.data_retention.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.data_retention.get(service.id, r.id) == changed
        with pytest.raises(DataRetentionNotFound):
            uow.data_retention.update(retention(service.id))
