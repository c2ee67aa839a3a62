"""Admin user endpoints beyond create/get: by email, update, passwords, permissions, reach, archive."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from ..conftest import AdminClient

UNKNOWN_ID = str(uuid4())
PASSWORD = "a long password"


@pytest.fixture
def owner(admin: AdminClient) -> dict[str, Any]:
    return admin.post("/user", json={"name": "Owner", "email_address": "Owner@Example.gov.uk",
                                     "password": PASSWORD, "mobile_number": "07700900123"}).json["data"]


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


# POST /user/email

def test_find_by_email_ignores_case(admin: AdminClient, owner: dict[str, Any], service: dict[str, Any]) -> None:
    result = admin.post("/user/email", json={"email": "owner@EXAMPLE.gov.uk"})
    assert result.status_code == 200
    data = result.json["data"]
    assert data["id"] == owner["id"]
    assert data["services"] == [service["id"]]
    assert "manage_settings" in data["permissions"][service["id"]]
    assert data["organisations"] == []


def test_find_by_email_errors(admin: AdminClient) -> None:
    assert admin.post("/user/email", json={"email": "nobody@example.gov.uk"}).status_code == 404
    result = admin.post("/user/email", json={})
    assert result.status_code == 400 and message(result) == {"email": ["Missing data for required field."]}


# POST /user/{id}

def test_update_changes_name_mobile_auth_type_and_email(admin: AdminClient, owner: dict[str, Any]) -> None:
    result = admin.post(f"/user/{owner['id']}", json={"name": "New", "mobile_number": "07700900456",
                                                     "auth_type": "email_auth", "email_address": "new@example.gov.uk"})
    assert result.status_code == 200
    data = result.json["data"]
    assert (data["name"], data["mobile_number"], data["auth_type"], data["email_address"]) == (
        "New", "07700900456", "email_auth", "new@example.gov.uk")
    assert admin.get(f"/user/{owner['id']}").json["data"]["name"] == "New"


@pytest.mark.parametrize("fields, field, text", [
    ({"platform_admin": True}, "platform_admin", "Not permitted to be updated"),
    ({"password": "x"}, "password", "Unknown field."),
    ({"auth_type": "carrier_pigeon"}, "auth_type", None),
    ({"email_address": "not an email"}, "email_address", None),
    ({"mobile_number": "12"}, "mobile_number", None),
    ({"name": ""}, "name", None),
    ({"auth_type": "sms_auth", "mobile_number": None}, "mobile_number", None),
])
def test_bad_updates_are_refused_and_change_nothing(admin: AdminClient, owner: dict[str, Any],
                                                    fields: dict[str, Any], field: str, text: str | None) -> None:
    result = admin.post(f"/user/{owner['id']}", json=fields)
    assert result.status_code == 400
    assert field in message(result)
    if text:
        assert message(result)[field] == [text]
    assert admin.get(f"/user/{owner['id']}").json["data"]["name"] == "Owner"


def test_email_address_taken_by_another_user_is_refused(admin: AdminClient, owner: dict[str, Any]) -> None:
    admin.post("/user", json={"name": "B", "email_address": "b@example.gov.uk", "password": PASSWORD})
    result = admin.post(f"/user/{owner['id']}", json={"email_address": "B@example.gov.uk"})
    assert result.status_code == 400 and "email_address" in message(result)


def test_update_unknown_user_is_404(admin: AdminClient) -> None:
    assert admin.post(f"/user/{UNKNOWN_ID}", json={"name": "x"}).status_code == 404
    assert admin.post("/user/not-an-id", json={"name": "x"}).status_code == 400


# POST /user/{id}/verify/password

def test_right_password_is_204_and_resets_failures(admin: AdminClient, owner: dict[str, Any]) -> None:
    admin.post(f"/user/{owner['id']}/verify/password", json={"password": "wrong"})
    result = admin.post(f"/user/{owner['id']}/verify/password", json={"password": PASSWORD})
    assert result.status_code == 204
    data = admin.get(f"/user/{owner['id']}").json["data"]
    assert data["failed_login_count"] == 0 and data["logged_in_at"] is not None


def test_wrong_password_is_400_and_counted(admin: AdminClient, owner: dict[str, Any]) -> None:
    result = admin.post(f"/user/{owner['id']}/verify/password", json={"password": "wrong"})
    assert result.status_code == 400
    assert message(result) == {"password": ["Incorrect password"]}
    assert admin.get(f"/user/{owner['id']}").json["data"]["failed_login_count"] == 1


def test_ten_failures_lock_the_user_out(admin: AdminClient, owner: dict[str, Any]) -> None:
    for _ in range(10):
        admin.post(f"/user/{owner['id']}/verify/password", json={"password": "wrong"})
    result = admin.post(f"/user/{owner['id']}/verify/password", json={"password": PASSWORD})
    assert result.status_code == 400
    assert admin.post(f"/user/{owner['id']}/reset-failed-login-count").json["data"]["failed_login_count"] == 0
    assert admin.post(f"/user/{owner['id']}/verify/password", json={"password": PASSWORD}).status_code == 204


def test_password_check_errors(admin: AdminClient, owner: dict[str, Any]) -> None:
    result = admin.post(f"/user/{owner['id']}/verify/password", json={})
    assert result.status_code == 400 and message(result) == {"password": ["Required field missing data"]}
    assert admin.post(f"/user/{UNKNOWN_ID}/verify/password", json={"password": "x"}).status_code == 404


# POST /user/{id}/service/{sid}/permission

def test_setting_permissions_on_a_service(admin: AdminClient, owner: dict[str, Any], service: dict[str, Any]) -> None:
    result = admin.post(f"/user/{owner['id']}/service/{service['id']}/permission",
                        json={"permissions": [{"permission": "send_texts"}, {"permission": "view_activity"}]})
    assert result.status_code == 204
    data = admin.get(f"/user/{owner['id']}").json["data"]
    assert data["permissions"] == {service["id"]: ["send_texts", "view_activity"]}


def test_permission_errors(admin: AdminClient, owner: dict[str, Any], service: dict[str, Any]) -> None:
    path = f"/user/{owner['id']}/service/{service['id']}/permission"
    result = admin.post(path, json={"permissions": [{"permission": "fly"}]})
    assert result.status_code == 400 and "permissions" in message(result)
    result = admin.post(path, json={})
    assert result.status_code == 400 and message(result) == {"permissions": ["Missing data for required field."]}
    assert admin.post(f"/user/{owner['id']}/service/{UNKNOWN_ID}/permission",
                      json={"permissions": []}).status_code == 404
    assert admin.post(f"/user/{UNKNOWN_ID}/service/{service['id']}/permission",
                      json={"permissions": []}).status_code == 404


# GET /user/{id}/organisations-and-services

def test_organisations_and_services(admin: AdminClient, owner: dict[str, Any], service: dict[str, Any]) -> None:
    org = admin.post("/organisations", json={"name": "Org", "organisation_type": "central"}).json
    admin.post(f"/organisations/{org['id']}/service", json={"service_id": service["id"]})
    admin.post(f"/organisations/{org['id']}/users/{owner['id']}")
    result = admin.get(f"/user/{owner['id']}/organisations-and-services")
    assert result.status_code == 200
    assert result.json == {
        "organisations": [{"id": org["id"], "name": "Org", "count_of_live_services": 0}],
        "services": [{"id": service["id"], "name": "Tax reminders", "restricted": True, "organisation": org["id"]}],
    }
    assert admin.get(f"/user/{owner['id']}").json["data"]["organisations"] == [org["id"]]
    assert admin.get(f"/user/{UNKNOWN_ID}/organisations-and-services").status_code == 404


# archive / activate

def test_archiving_anonymises_and_removes_from_services(admin: AdminClient, owner: dict[str, Any],
                                                         service: dict[str, Any]) -> None:
    other = admin.post("/user", json={"name": "Other", "email_address": "other@example.gov.uk",
                                      "password": PASSWORD}).json["data"]
    admin.post(f"/service/{service['id']}/users/{other['id']}", json={"permissions": [{"permission": "send_texts"}]})
    assert admin.post(f"/user/{other['id']}/archive").status_code == 204
    data = admin.get(f"/user/{other['id']}").json["data"]
    assert data["state"] == "inactive" and data["name"] == "Archived user" and data["services"] == []
    assert data["email_address"].startswith("_archived_")
    result = admin.post(f"/user/{owner['id']}/archive")  # the last one who can manage settings
    assert result.status_code == 400
    assert admin.get(f"/user/{owner['id']}").json["data"]["state"] == "active"


def test_activate(admin: AdminClient, owner: dict[str, Any]) -> None:
    result = admin.post(f"/user/{owner['id']}/activate")
    assert result.status_code == 400 and message(result) == "User already active"
    pending = admin.post("/user", json={"name": "P", "email_address": "p@example.gov.uk", "password": PASSWORD,
                                        "state": "pending"}).json["data"]
    assert admin.post(f"/user/{pending['id']}/activate").json["data"]["state"] == "active"
