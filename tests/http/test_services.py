"""The seed's service endpoints through the Falcon app: shapes, status codes and every error case."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient

UNKNOWN_ID = str(uuid4())


def error_message(result: Any) -> Any:
    assert result.json["result"] == "error"
    return result.json["message"]


# POST /service

def test_creating_a_service_returns_it_with_notify_defaults(admin: AdminClient, owner: dict[str, Any]) -> None:
    result = admin.post("/service", json={"name": "Tax reminders", "user_id": owner["id"]})
    assert result.status_code == 201
    data = result.json["data"]
    assert data["name"] == "Tax reminders"
    assert data["active"] is True and data["restricted"] is True
    assert data["version"] == 1
    assert data["created_by"] == owner["id"]
    assert data["email_sender_local_part"] == "tax.reminders"
    assert set(data["permissions"]) == {"sms", "email", "letter", "international_sms", "international_letters"}
    assert data["rate_limit"] == 3000
    assert data["organisation_name"] is None


def test_the_creator_becomes_a_member_with_every_permission(admin: AdminClient, service: dict[str, Any],
                                                           owner: dict[str, Any]) -> None:
    users = admin.get(f"/service/{service['id']}/users").json["data"]
    assert [u["id"] for u in users] == [owner["id"]]
    assert "manage_settings" in users[0]["permissions"] and "send_texts" in users[0]["permissions"]
    assert admin.get(f"/user/{owner['id']}").json["data"]["services"] == [service["id"]]


def test_settings_given_at_creation_are_kept(admin: AdminClient, owner: dict[str, Any]) -> None:
    data = admin.post("/service", json={"name": "Limited", "user_id": owner["id"], "restricted": False,
                                        "sms_message_limit": 10, "permissions": ["email"],
                                        "organisation_type": "local"}).json["data"]
    assert (data["restricted"], data["sms_message_limit"], data["permissions"], data["organisation_type"]) == \
        (False, 10, ["email"], "local")


def test_a_service_joins_the_organisation_of_its_creators_email_domain(admin: AdminClient) -> None:
    org = admin.post("/organisations", json={"name": "Borough Council", "organisation_type": "local",
                                             "domains": ["borough.gov.uk"]}).json
    user = admin.post("/user", json={"name": "Clerk", "email_address": "clerk@borough.gov.uk",
                                     "password": "a long password"}).json["data"]
    created = admin.post("/service", json={"name": "Bins", "user_id": user["id"]}).json["data"]
    assert created["organisation"] == org["id"] and created["organisation_type"] == "local"
    assert admin.get(f"/service/{created['id']}").json["data"]["organisation_name"] == "Borough Council"


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"user_id": "{owner}"}, "name", "Missing data for required field."),
    ({"name": "x"}, "user_id", "Missing data for required field."),
    ({"name": "x", "user_id": "not-a-uuid"}, "user_id", "Not a valid UUID."),
    ({"name": 12, "user_id": "{owner}"}, "name", "Not a valid string."),
    ({"name": "   ", "user_id": "{owner}"}, "name", "Field may not be blank."),
    ({"name": "x" * 256, "user_id": "{owner}"}, "name", "Longer than maximum length 255."),
    ({"name": "x", "user_id": "{owner}", "colour": "red"}, "colour", "Unknown field."),
    ({"name": "x", "user_id": "{owner}", "restricted": "yes"}, "restricted", "Not a valid boolean."),
    ({"name": "x", "user_id": "{owner}", "rate_limit": -1}, "rate_limit", "Must be greater than or equal to 0."),
    ({"name": "x", "user_id": "{owner}", "permissions": ["fax"]}, "permissions", None),
])
def test_bad_service_bodies_are_refused_naming_the_field(admin: AdminClient, owner: dict[str, Any],
                                                         body: dict[str, Any], field: str,
                                                         message: str | None) -> None:
    body = {k: owner["id"] if v == "{owner}" else v for k, v in body.items()}
    result = admin.post("/service", json=body)
    assert result.status_code == 400
    messages = error_message(result)[field]
    assert messages == [message] if message else messages[0].startswith("Must be one of: sms, email")
    assert admin.get("/service").json["data"] == []  # nothing half-written


def test_an_unknown_user_cannot_own_a_service(admin: AdminClient) -> None:
    result = admin.post("/service", json={"name": "Orphan", "user_id": UNKNOWN_ID})
    assert result.status_code == 400
    assert list(error_message(result)) == ["user_id"]


def test_duplicate_service_names_are_refused(admin: AdminClient, service: dict[str, Any],
                                             owner: dict[str, Any]) -> None:
    result = admin.post("/service", json={"name": "TAX REMINDERS", "user_id": owner["id"]})
    assert result.status_code == 400
    assert error_message(result) == {"name": ["Duplicate service name 'TAX REMINDERS'"]}


@pytest.mark.parametrize("raw", ["[1, 2]", "not json", '"a string"'])
def test_bodies_that_are_not_json_objects_are_refused(admin: AdminClient, raw: str) -> None:
    result = admin.post("/service", body=raw, headers={"Content-Type": "application/json"})
    assert result.status_code == 400
    assert result.json["result"] == "error"


# GET /service

def test_listing_services_filters_by_activity_and_user(admin: AdminClient, service: dict[str, Any],
                                                       owner: dict[str, Any], notify: Notify) -> None:
    other = factories.create_service(notify)
    admin.post(f"/service/{other.id}/archive")
    everything = {s["id"] for s in admin.get("/service").json["data"]}
    assert everything == {service["id"], str(other.id)}
    assert [s["id"] for s in admin.get("/service", params={"only_active": "true"}).json["data"]] == [service["id"]]
    mine = admin.get("/service", params={"user_id": owner["id"]}).json["data"]
    assert [s["id"] for s in mine] == [service["id"]]


def test_detailed_listing_adds_zeroed_statistics(admin: AdminClient, service: dict[str, Any]) -> None:
    data = admin.get("/service", params={"detailed": "true", "start_date": "2026-06-01",
                                         "end_date": "2026-06-15"}).json["data"]
    zero = {"requested": 0, "delivered": 0, "failed": 0}
    assert data[0]["statistics"] == {"sms": zero, "email": zero, "letter": zero}


@pytest.mark.parametrize(("params", "field"), [
    ({"only_active": "maybe"}, "only_active"),
    ({"user_id": "42"}, "user_id"),
    ({"detailed": "true", "start_date": "yesterday"}, "start_date"),
])
def test_bad_list_parameters_are_refused(admin: AdminClient, params: dict[str, str], field: str) -> None:
    result = admin.get("/service", params=params)
    assert result.status_code == 400
    assert list(error_message(result)) == [field]


# GET and POST /service/{id}

def test_getting_a_service(admin: AdminClient, service: dict[str, Any]) -> None:
    result = admin.get(f"/service/{service['id']}")
    assert result.status_code == 200
    assert result.json["data"] == {**service, "organisation_name": None}


def test_getting_a_service_in_detail_adds_statistics(admin: AdminClient, service: dict[str, Any]) -> None:
    data = admin.get(f"/service/{service['id']}", params={"detailed": "true", "today_only": "true"}).json["data"]
    assert set(data["statistics"]) == {"sms", "email", "letter"}


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_services_are_404(admin: AdminClient, method: str) -> None:
    result = getattr(admin, method)(f"/service/{UNKNOWN_ID}", **({"json": {}} if method == "post" else {}))
    assert result.status_code == 404
    assert result.json == {"result": "error", "message": "No result found"}


@pytest.mark.parametrize("path", ["/service/nope", "/service/nope/users", "/service/nope/history",
                                  "/service/nope/guest-list", "/service/nope/statistics"])
def test_malformed_service_ids_are_400_naming_the_field(admin: AdminClient, path: str) -> None:
    result = admin.get(path)
    assert result.status_code == 400
    assert error_message(result) == {"service_id": ["Not a valid UUID."]}


def test_updating_a_service_writes_a_new_version(admin: AdminClient, service: dict[str, Any]) -> None:
    result = admin.post(f"/service/{service['id']}", json={"name": "Tax reminders (new)", "restricted": False,
                                                           "created_by": service["created_by"]})
    assert result.status_code == 200
    data = result.json["data"]
    assert (data["name"], data["restricted"], data["version"]) == ("Tax reminders (new)", False, 2)
    assert data["updated_at"] is not None
    history = admin.get(f"/service/{service['id']}/history").json["data"]["service_history"]
    assert [(h["version"], h["name"]) for h in history] == [(1, "Tax reminders"), (2, "Tax reminders (new)")]


def test_an_update_that_changes_nothing_writes_no_version(admin: AdminClient, service: dict[str, Any]) -> None:
    data = admin.post(f"/service/{service['id']}", json={"name": "Tax reminders"}).json["data"]
    assert data["version"] == 1


def test_a_service_cannot_take_another_services_name(admin: AdminClient, service: dict[str, Any],
                                                     notify: Notify) -> None:
    other = factories.create_service(notify, name="Parking")
    result = admin.post(f"/service/{other.id}", json={"name": "Tax Reminders"})
    assert result.status_code == 400
    assert list(error_message(result)) == ["name"]
    assert admin.get(f"/service/{other.id}").json["data"]["name"] == "Parking"


@pytest.mark.parametrize(("body", "field"), [
    ({"active": "no"}, "active"), ({"id": "x"}, "id"), ({"unknown": 1}, "unknown"),
    ({"email_message_limit": 1.5}, "email_message_limit"), ({"go_live_at": "soon"}, "go_live_at"),
])
def test_bad_updates_are_refused_and_change_nothing(admin: AdminClient, service: dict[str, Any],
                                                    body: dict[str, Any], field: str) -> None:
    result = admin.post(f"/service/{service['id']}", json=body)
    assert result.status_code == 400
    assert list(error_message(result)) == [field]
    assert admin.get(f"/service/{service['id']}").json["data"]["version"] == 1


# POST /service/{id}/archive

def test_archiving_deactivates_renames_and_is_idempotent(admin: AdminClient, service: dict[str, Any]) -> None:
    assert admin.post(f"/service/{service['id']}/archive").status_code == 204
    data = admin.get(f"/service/{service['id']}").json["data"]
    assert data["active"] is False
    assert data["name"].startswith("_archived_") and data["name"].endswith("Tax reminders")
    assert admin.post(f"/service/{service['id']}/archive").status_code == 204
    assert admin.get(f"/service/{service['id']}").json["data"]["version"] == 2


def test_an_archived_services_name_can_be_used_again(admin: AdminClient, service: dict[str, Any],
                                                     owner: dict[str, Any]) -> None:
    admin.post(f"/service/{service['id']}/archive")
    assert admin.post("/service", json={"name": "Tax reminders", "user_id": owner["id"]}).status_code == 201


def test_archiving_an_unknown_service_is_404(admin: AdminClient) -> None:
    assert admin.post(f"/service/{UNKNOWN_ID}/archive").status_code == 404


# GET /service/find-services-by-name

def test_finding_services_by_part_of_their_name(admin: AdminClient, service: dict[str, Any],
                                                notify: Notify) -> None:
    factories.create_service(notify, name="Parking permits")
    found = admin.get("/service/find-services-by-name", params={"service_name": "REMIND"}).json["data"]
    assert found == [{"id": service["id"], "name": "Tax reminders", "active": True, "restricted": True,
                      "organisation_name": None}]


def test_finding_services_needs_a_name(admin: AdminClient) -> None:
    result = admin.get("/service/find-services-by-name")
    assert result.status_code == 400
    assert error_message(result) == {"service_name": ["Missing data for required field."]}


# /service/{id}/users

def test_adding_and_removing_a_team_member(admin: AdminClient, service: dict[str, Any], notify: Notify) -> None:
    colleague = factories.create_user(notify)
    sid = service["id"]
    result = admin.post(f"/service/{sid}/users/{colleague.id}", json={
        "permissions": [{"permission": "send_texts"}, {"permission": "view_activity"}],
        "folder_permissions": []})
    assert result.status_code == 201
    assert {u["id"] for u in result.json["data"]["users"]} == {service["created_by"], str(colleague.id)}
    members = {u["id"]: u for u in admin.get(f"/service/{sid}/users").json["data"]}
    assert members[str(colleague.id)]["permissions"] == ["send_texts", "view_activity"]
    assert "password" not in members[str(colleague.id)] and "password_hash" not in members[str(colleague.id)]

    assert admin.delete(f"/service/{sid}/users/{colleague.id}").status_code == 204
    assert [u["id"] for u in admin.get(f"/service/{sid}/users").json["data"]] == [service["created_by"]]


def test_adding_a_member_twice_is_refused(admin: AdminClient, service: dict[str, Any]) -> None:
    result = admin.post(f"/service/{service['id']}/users/{service['created_by']}", json={"permissions": []})
    assert result.status_code == 400
    assert error_message(result) == \
        f"User id: {service['created_by']} already part of service id: {service['id']}"


@pytest.mark.parametrize(("body", "field"), [
    ({"permissions": [{"permission": "fly"}]}, "permissions"),
    ({"permissions": "send_texts"}, "permissions"),
    ({"folder_permissions": ["nope"]}, "folder_permissions"),
    ({"extra": True}, "extra"),
])
def test_bad_member_bodies_are_refused(admin: AdminClient, service: dict[str, Any], notify: Notify,
                                       body: dict[str, Any], field: str) -> None:
    colleague = factories.create_user(notify)
    result = admin.post(f"/service/{service['id']}/users/{colleague.id}", json=body)
    assert result.status_code == 400
    assert list(error_message(result)) == [field]
    assert len(admin.get(f"/service/{service['id']}/users").json["data"]) == 1


def test_members_of_unknown_services_or_users_are_404(admin: AdminClient, service: dict[str, Any]) -> None:
    assert admin.get(f"/service/{UNKNOWN_ID}/users").status_code == 404
    assert admin.post(f"/service/{service['id']}/users/{UNKNOWN_ID}", json={}).status_code == 404
    assert admin.post(f"/service/{UNKNOWN_ID}/users/{service['created_by']}", json={}).status_code == 404


def test_removing_a_user_who_is_not_a_member_is_404(admin: AdminClient, service: dict[str, Any],
                                                    notify: Notify) -> None:
    stranger = factories.create_user(notify)
    result = admin.delete(f"/service/{service['id']}/users/{stranger.id}")
    assert result.status_code == 404
    assert error_message(result) == "User not found"


def test_the_only_member_cannot_be_removed(admin: AdminClient, service: dict[str, Any]) -> None:
    result = admin.delete(f"/service/{service['id']}/users/{service['created_by']}")
    assert result.status_code == 400
    assert error_message(result) == "User cannot be removed from the service"
    assert len(admin.get(f"/service/{service['id']}/users").json["data"]) == 1


def test_malformed_user_ids_are_400(admin: AdminClient, service: dict[str, Any]) -> None:
    result = admin.delete(f"/service/{service['id']}/users/bob")
    assert result.status_code == 400
    assert error_message(result) == {"user_id": ["Not a valid UUID."]}


# GET /service/{id}/history

def test_history_lists_every_version_of_the_service(admin: AdminClient, service: dict[str, Any]) -> None:
    admin.post(f"/service/{service['id']}", json={"restricted": False})
    admin.post(f"/service/{service['id']}/archive")
    data = admin.get(f"/service/{service['id']}/history").json["data"]
    assert [(h["version"], h["restricted"], h["active"]) for h in data["service_history"]] == \
        [(1, True, True), (2, False, True), (3, False, False)]
    assert data["api_key_history"] == [] and data["template_history"] == []


def test_history_of_an_unknown_service_is_404(admin: AdminClient) -> None:
    assert admin.get(f"/service/{UNKNOWN_ID}/history").status_code == 404


# /service/{id}/guest-list

def test_the_guest_list_is_replaced_as_a_whole(admin: AdminClient, service: dict[str, Any]) -> None:
    path = f"/service/{service['id']}/guest-list"
    assert admin.get(path).json == {"email_addresses": [], "phone_numbers": []}
    first = {"email_addresses": ["a@example.com", ""], "phone_numbers": ["07700 900123", "+1 202 555 0143"]}
    assert admin.put(path, json=first).status_code == 204
    assert admin.get(path).json == {"email_addresses": ["a@example.com"],
                                    "phone_numbers": ["07700 900123", "+1 202 555 0143"]}
    assert admin.put(path, json={"email_addresses": ["b@example.com"]}).status_code == 204
    assert admin.get(path).json == {"email_addresses": ["b@example.com"], "phone_numbers": []}


@pytest.mark.parametrize(("body", "field", "value"), [
    ({"email_addresses": ["ok@example.com", "not an email"]}, "email_addresses", "not an email"),
    ({"phone_numbers": ["07700 900123", "0770090012"]}, "phone_numbers", "0770090012"),
    ({"phone_numbers": ["call me maybe"]}, "phone_numbers", "call me maybe"),
])
def test_an_invalid_guest_keeps_the_old_list(admin: AdminClient, service: dict[str, Any],
                                             body: dict[str, Any], field: str, value: str) -> None:
    path = f"/service/{service['id']}/guest-list"
    admin.put(path, json={"email_addresses": ["keep@example.com"]})
    result = admin.put(path, json=body)
    assert result.status_code == 400
    assert error_message(result) == {
        field: [f'Invalid guest list: "{value}" is not a valid email address or phone number']}
    assert admin.get(path).json == {"email_addresses": ["keep@example.com"], "phone_numbers": []}


@pytest.mark.parametrize("body", [{"email_addresses": "a@example.com"}, {"phone_numbers": [7700900123]},
                                  {"emails": []}])
def test_guest_lists_of_the_wrong_shape_are_refused(admin: AdminClient, service: dict[str, Any],
                                                    body: dict[str, Any]) -> None:
    result = admin.put(f"/service/{service['id']}/guest-list", json=body)
    assert result.status_code == 400
    assert list(error_message(result)) == list(body)


def test_guest_list_of_an_unknown_service_is_404(admin: AdminClient) -> None:
    assert admin.get(f"/service/{UNKNOWN_ID}/guest-list").status_code == 404
    assert admin.put(f"/service/{UNKNOWN_ID}/guest-list", json={}).status_code == 404
