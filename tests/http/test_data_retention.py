"""Data retention through the admin API: one setting per channel, changed in place, `{}` where there is none;
another service's settings are not reachable, bad input is a 400."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.domain.service import Service
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient


@pytest.fixture
def service(notify: Notify) -> Service:
    return factories.create_service(notify)


def add(admin: AdminClient, service: Service, kind: str = "sms", days: int = 30) -> Any:
    return admin.post(f"/service/{service.id}/data-retention",
                      json={"notification_type": kind, "days_of_retention": days})


def test_a_setting_is_added_listed_and_read(admin: AdminClient, service: Service) -> None:
    created = add(admin, service)
    assert created.status_code == 201
    shown = created.json["result"]
    assert shown["notification_type"] == "sms" and shown["days_of_retention"] == 30
    assert shown["service_id"] == str(service.id) and shown["service_name"] == service.name
    base = f"/service/{service.id}/data-retention"
    assert admin.get(base).json == [shown]
    assert admin.get(f"{base}/{shown['id']}").json == shown
    assert admin.get(f"{base}/notification-type/sms").json == shown


def test_channels_without_a_setting_answer_an_empty_object(admin: AdminClient, service: Service) -> None:
    base = f"/service/{service.id}/data-retention"
    assert admin.get(base).json == []
    assert admin.get(f"{base}/notification-type/email").json == {}
    assert admin.get(f"{base}/{uuid4()}").json == {}


def test_a_second_setting_for_a_channel_is_refused(admin: AdminClient, service: Service) -> None:
    add(admin, service)
    again = add(admin, service, days=10)
    assert again.status_code == 400
    assert again.json["message"] == "Service already has data retention for sms notification type"
    assert add(admin, service, "email", 10).status_code == 201


def test_days_are_changed_in_place(admin: AdminClient, service: Service) -> None:
    shown = add(admin, service).json["result"]
    path = f"/service/{service.id}/data-retention/{shown['id']}"
    result = admin.post(path, json={"days_of_retention": 90})
    assert result.status_code == 204 and result.text == ""
    after = admin.get(path).json
    assert after["days_of_retention"] == 90 and after["updated_at"] is not None


def test_another_services_setting_is_out_of_reach(admin: AdminClient, notify: Notify, service: Service) -> None:
    shown = add(admin, service).json["result"]
    other = factories.create_service(notify)
    assert admin.get(f"/service/{other.id}/data-retention/{shown['id']}").json == {}
    changed = admin.post(f"/service/{other.id}/data-retention/{shown['id']}", json={"days_of_retention": 1})
    assert changed.status_code == 404
    assert admin.get(f"/service/{service.id}/data-retention/{shown['id']}").json["days_of_retention"] == 30
    assert admin.get(f"/service/{uuid4()}/data-retention").status_code == 404
    assert add(admin, factories.service()).status_code == 404  # a service that was never stored


@pytest.mark.parametrize("body", [{}, {"notification_type": "fax", "days_of_retention": 3},
                                  {"notification_type": "sms", "days_of_retention": "3"},
                                  {"notification_type": "sms", "days_of_retention": 0},
                                  {"notification_type": "sms", "days_of_retention": 10**12}])
def test_bad_bodies_are_400s(admin: AdminClient, service: Service, body: dict[str, Any]) -> None:
    result = admin.post(f"/service/{service.id}/data-retention", json=body)
    assert result.status_code == 400, result.json
    assert result.json["result"] == "error"


def test_an_unknown_channel_in_the_path_is_a_400(admin: AdminClient, service: Service) -> None:
    result = admin.get(f"/service/{service.id}/data-retention/notification-type/fax")
    assert result.status_code == 400 and result.json["result"] == "error"
