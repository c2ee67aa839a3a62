"""Statistics count the notifications in the store with Notify's status mapping; zeros, never gaps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest

from notify.domain.constants import KeyType, NotificationStatus as S, NotificationType as T
from notify.domain.service import Service
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock

ZERO = {"requested": 0, "delivered": 0, "failed": 0}


@pytest.fixture
def service(notify: Notify) -> Service:
    return factories.create_service(notify)


def store(notify: Notify, service_id: UUID, *specs: tuple[T, S, datetime], key_type: KeyType = KeyType.NORMAL) -> None:
    with notify.uow() as uow:
        uow.notifications.add_many([
            factories.notification(service_id, notification_type=kind, status=status, created_at=at, key_type=key_type)
            for kind, status, at in specs])
        uow.commit()


def test_a_service_without_notifications_has_zeros_for_every_channel(admin: AdminClient, service: Service) -> None:
    result = admin.get(f"/service/{service.id}/statistics")
    assert result.status_code == 200
    assert result.json == {"data": {"sms": ZERO, "email": ZERO, "letter": ZERO}}


def test_statuses_are_counted_as_requested_delivered_and_failed(admin: AdminClient, notify: Notify,
                                                                service: Service, clock: FrozenClock) -> None:
    now = clock.now()
    store(notify, service.id,
          (T.SMS, S.DELIVERED, now), (T.SMS, S.SENT, now), (T.SMS, S.PERMANENT_FAILURE, now),
          (T.SMS, S.TEMPORARY_FAILURE, now), (T.SMS, S.SENDING, now),
          (T.EMAIL, S.TECHNICAL_FAILURE, now), (T.EMAIL, S.CREATED, now),
          (T.LETTER, S.VALIDATION_FAILED, now), (T.LETTER, S.DELIVERED, now))
    data = admin.get(f"/service/{service.id}/statistics").json["data"]
    assert data == {"sms": {"requested": 5, "delivered": 2, "failed": 2},
                    "email": {"requested": 2, "delivered": 0, "failed": 1},
                    "letter": {"requested": 2, "delivered": 1, "failed": 1}}


def test_statistics_cover_the_last_days_or_today_only(admin: AdminClient, notify: Notify, service: Service,
                                                      clock: FrozenClock) -> None:
    now = clock.now()
    store(notify, service.id, (T.SMS, S.DELIVERED, now), (T.SMS, S.DELIVERED, now - timedelta(days=3)),
          (T.SMS, S.DELIVERED, now - timedelta(days=10)))
    path = f"/service/{service.id}/statistics"
    assert admin.get(path).json["data"]["sms"]["requested"] == 2
    assert admin.get(path, params={"today_only": "true"}).json["data"]["sms"]["requested"] == 1
    assert admin.get(path, params={"limit_days": "30"}).json["data"]["sms"]["requested"] == 3


def test_other_services_and_test_keys_are_not_counted(admin: AdminClient, notify: Notify, service: Service,
                                                      clock: FrozenClock) -> None:
    other = factories.create_service(notify)
    store(notify, other.id, (T.EMAIL, S.DELIVERED, clock.now()))
    store(notify, service.id, (T.EMAIL, S.DELIVERED, clock.now()), key_type=KeyType.TEST)
    assert admin.get(f"/service/{service.id}/statistics").json["data"]["email"] == ZERO


def test_the_detailed_list_counts_each_service_separately(admin: AdminClient, notify: Notify, service: Service,
                                                          clock: FrozenClock) -> None:
    other = factories.create_service(notify)
    store(notify, service.id, (T.SMS, S.DELIVERED, clock.now()))
    store(notify, other.id, (T.EMAIL, S.PERMANENT_FAILURE, clock.now()))
    store(notify, other.id, (T.EMAIL, S.DELIVERED, clock.now()), key_type=KeyType.TEST)
    data = {s["id"]: s["statistics"] for s in admin.get("/service", params={"detailed": "true"}).json["data"]}
    assert data[str(service.id)]["sms"] == {"requested": 1, "delivered": 1, "failed": 0}
    assert data[str(other.id)]["email"] == {"requested": 2, "delivered": 1, "failed": 1}
    without_test = admin.get("/service", params={"detailed": "true", "include_from_test_key": "false"}).json
    assert {s["id"]: s["statistics"] for s in without_test["data"]}[str(other.id)]["email"]["requested"] == 1


@pytest.mark.parametrize(("params", "message"), [({"limit_days": "0"}, "Must be greater than or equal to 1."),
                                                 ({"limit_days": "week"}, "Not a valid integer."),
                                                 ({"today_only": "sometimes"}, "Not a valid boolean.")])
def test_bad_statistics_parameters_are_refused(admin: AdminClient, service: Service, params: dict[str, str],
                                               message: str) -> None:
    result = admin.get(f"/service/{service.id}/statistics", params=params)
    assert result.status_code == 400
    assert result.json["message"] == {next(iter(params)): [message]}


def test_statistics_of_an_unknown_service_are_404(admin: AdminClient) -> None:
    assert admin.get("/service/2b4b2b24-9d44-4d4a-a3c1-4bcf0f1b1c1e/statistics").status_code == 404


# GET /service/{id}/notifications/monthly

def test_monthly_statistics_follow_the_financial_year_in_london_time(admin: AdminClient, notify: Notify,
                                                                     service: Service, clock: FrozenClock) -> None:
    clock.set(datetime(2027, 5, 1, tzinfo=timezone.utc))
    store(notify, service.id,
          (T.SMS, S.DELIVERED, datetime(2026, 4, 1, 9, tzinfo=timezone.utc)),
          # 23:30 UTC on 31 March is already April in London (BST): counted in April.
          (T.EMAIL, S.PERMANENT_FAILURE, datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc)),
          (T.LETTER, S.DELIVERED, datetime(2027, 3, 31, 12, tzinfo=timezone.utc)),
          (T.SMS, S.DELIVERED, datetime(2027, 4, 2, tzinfo=timezone.utc)))  # next financial year
    data = admin.get(f"/service/{service.id}/notifications/monthly", params={"year": "2026"}).json["data"]
    assert list(data) == [f"2026-{m:02d}" for m in range(4, 13)] + [f"2027-{m:02d}" for m in range(1, 4)]
    assert data["2026-04"] == {"sms": {"requested": 1, "delivered": 1, "failed": 0},
                               "email": {"requested": 1, "delivered": 0, "failed": 1}, "letter": ZERO}
    assert data["2027-03"]["letter"] == {"requested": 1, "delivered": 1, "failed": 0}
    assert data["2026-10"] == {"sms": ZERO, "email": ZERO, "letter": ZERO}


def test_months_that_have_not_started_are_left_out(admin: AdminClient, service: Service,
                                                   clock: FrozenClock) -> None:
    clock.set(datetime(2026, 6, 15, tzinfo=timezone.utc))
    data = admin.get(f"/service/{service.id}/notifications/monthly", params={"year": "2026"}).json["data"]
    assert list(data) == ["2026-04", "2026-05", "2026-06"]
    assert admin.get(f"/service/{service.id}/notifications/monthly",
                     params={"year": "2030"}).json["data"] == {}


@pytest.mark.parametrize("params", [{}, {"year": "twenty"}, {"year": "-1"}])
def test_monthly_statistics_need_a_year(admin: AdminClient, service: Service, params: dict[str, str]) -> None:
    result = admin.get(f"/service/{service.id}/notifications/monthly", params=params)
    assert result.status_code == 400
    assert result.json["message"] == {"year": ["Year must be a number"]}


def test_monthly_statistics_of_an_unknown_service_are_404(admin: AdminClient) -> None:
    path = "/service/2b4b2b24-9d44-4d4a-a3c1-4bcf0f1b1c1e/notifications/monthly"
    assert admin.get(path, params={"year": "2026"}).status_code == 404
