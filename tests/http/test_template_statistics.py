"""Template statistics through the admin API: sends per template and status over today and up to 7 whole
days before it (London days, test-key sends left out), and a template's last use; scoped to the service."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from notify.domain.constants import KeyType, NotificationStatus
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


def send(notify: Notify, template: Any, at: datetime, **extra: Any) -> None:
    with notify.uow() as uow:
        uow.notifications.add(factories.notification(template.service_id, template_id=template.id, created_at=at,
                                                     **extra))
        uow.commit()


def test_counts_per_template_and_status_over_whole_days(admin: AdminClient, notify: Notify,
                                                        clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    reminder = factories.create_template(notify, service, name="Reminder")
    now = clock.now()
    london_midnight = datetime(now.year, now.month, now.day, tzinfo=timezone.utc) - timedelta(hours=1)  # BST
    send(notify, reminder, now)
    send(notify, reminder, now, status=NotificationStatus.DELIVERED)
    send(notify, reminder, london_midnight + timedelta(minutes=1))  # today in London, yesterday in UTC
    send(notify, reminder, london_midnight - timedelta(minutes=1))  # yesterday in London
    send(notify, reminder, now - timedelta(days=3))
    send(notify, reminder, now, key_type=KeyType.TEST)
    path = f"/service/{service.id}/template-statistics"
    common = {"template_id": str(reminder.id), "template_name": "Reminder", "template_type": "sms",
              "is_precompiled_letter": False}
    today = admin.get(path, params={"whole_days": 0})
    assert today.status_code == 200
    assert sorted(today.json["data"], key=lambda r: r["status"]) == [
        {**common, "status": "created", "count": 2}, {**common, "status": "delivered", "count": 1}]
    assert {r["status"]: r["count"] for r in admin.get(path, params={"whole_days": 1}).json["data"]} == {
        "created": 3, "delivered": 1}
    assert {r["status"]: r["count"] for r in admin.get(path, params={"limit_days": 7}).json["data"]} == {
        "created": 4, "delivered": 1}


@pytest.mark.parametrize("params, message", [
    ({}, " is not an integer"),
    ({"whole_days": "week"}, "week is not an integer"),
    ({"whole_days": 8}, "whole_days must be between 0 and 7"),
    ({"whole_days": -1}, "whole_days must be between 0 and 7"),
])
def test_whole_days_must_be_0_to_7(admin: AdminClient, notify: Notify, params: dict[str, Any],
                                   message: str) -> None:
    service = factories.create_service(notify)
    result = admin.get(f"/service/{service.id}/template-statistics", params=params)
    assert result.status_code == 400
    assert result.json == {"result": "error", "message": {"whole_days": [message]}}


def test_last_used_is_the_newest_real_send_or_null(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    reminder = factories.create_template(notify, service)
    path = f"/service/{service.id}/template-statistics/last-used/{reminder.id}"
    assert admin.get(path).json == {"last_date_used": None}
    send(notify, reminder, clock.now() - timedelta(days=2))
    send(notify, reminder, clock.now() - timedelta(days=1))
    send(notify, reminder, clock.now(), key_type=KeyType.TEST)
    expected = (clock.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert admin.get(path).json == {"last_date_used": expected}


def test_another_services_templates_are_out_of_reach(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    service, other = factories.create_service(notify), factories.create_service(notify)
    reminder = factories.create_template(notify, service)
    send(notify, reminder, clock.now())
    assert admin.get(f"/service/{other.id}/template-statistics/last-used/{reminder.id}").status_code == 404
    assert admin.get(f"/service/{other.id}/template-statistics", params={"whole_days": 7}).json == {"data": []}
    unknown = factories.service()
    assert admin.get(f"/service/{unknown.id}/template-statistics", params={"whole_days": 7}).status_code == 404
