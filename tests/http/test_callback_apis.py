"""Admin service-callback-API endpoints (Notify's /service/{id}/callback-api): create (one per type), update
(a new version), read, delete; https URLs and tokens of 10+ characters only; the token never comes back."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.usecases.app import Notify

from ..conftest import AdminClient
from ..fakes import FrozenClock

TOKEN = "a-secret-bearer-token"
URL = "https://service.example.gov.uk/notify/receipts"


def create(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any], **fields: Any) -> Any:
    return admin.post(f"/service/{service['id']}/callback-api",
                      json={"url": URL, "bearer_token": TOKEN, "updated_by_id": owner["id"],
                            "callback_type": "delivery_status", **fields})


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


def stored(notify: Notify, service_id: str, callback_id: str) -> Any:
    with notify.uow() as uow:
        return uow.callback_apis.get(UUID(service_id), UUID(callback_id))


def test_creating_a_callback_answers_notify_shape_without_the_token(
        admin: AdminClient, notify: Notify, service: dict[str, Any], owner: dict[str, Any]) -> None:
    result = create(admin, service, owner)
    assert result.status_code == 201, result.text
    data = result.json["data"]
    assert set(data) == {"id", "service_id", "url", "updated_by_id", "created_at", "updated_at"}
    assert data["service_id"] == service["id"] and data["url"] == URL and data["updated_by_id"] == owner["id"]
    assert data["created_at"] == "2026-06-15T12:00:00.000000Z" and data["updated_at"] is None
    assert TOKEN not in result.text
    fetched = admin.get(f"/service/{service['id']}/callback-api/{data['id']}")
    assert fetched.status_code == 200 and fetched.json == {"data": data}
    assert TOKEN not in fetched.text
    callback = stored(notify, service["id"], data["id"])
    assert callback.bearer_token == TOKEN and callback.version == 1 and callback.callback_type == "delivery_status"


@pytest.mark.parametrize("callback_type", ["delivery_status", "complaint", "returned_letter", "inbound_sms"])
def test_every_callback_type_can_be_created(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                            callback_type: str) -> None:
    result = create(admin, service, owner, callback_type=callback_type)
    assert result.status_code == 201
    assert admin.get(f"/service/{service['id']}/callback-api/{result.json['data']['id']}",
                     query_string=f"callback_type={callback_type}").status_code == 200


def test_one_callback_per_type_per_service(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> None:
    assert create(admin, service, owner).status_code == 201
    again = create(admin, service, owner, url="https://elsewhere.example.gov.uk")
    assert again.status_code == 400
    assert message(again) == {"name": ["You can only have one URL and bearer token for your service."]}
    assert create(admin, service, owner, callback_type="complaint").status_code == 201


@pytest.mark.parametrize("url", ["http://service.example.gov.uk/receipts", "ftp://example.gov.uk", "https://",
                                 "not a url", "https://exa mple.gov.uk/", "https://example.gov.uk:99999/",
                                 "https://bücher.example/", "", "https://example.gov.uk/\r\nX-Injected: 1"])
def test_only_https_urls_are_accepted(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                      url: str) -> None:
    result = create(admin, service, owner, url=url)
    assert result.status_code == 400
    assert message(result) == {"url": ["url is not a valid https url"]}


def test_bearer_token_must_be_ten_characters_and_sendable(admin: AdminClient, service: dict[str, Any],
                                                          owner: dict[str, Any]) -> None:
    short = create(admin, service, owner, bearer_token="too-short")
    assert short.status_code == 400
    assert message(short) == {"bearer_token": ["Shorter than minimum length 10."]}
    assert "too-short" not in short.text
    for bad in ("line-one\r\nX-Injected: yes", "a-token-with-\x07-bell", "surrogate-\ud800-token", "emoji-🙂-token"):
        fields = {"url": URL, "bearer_token": bad, "updated_by_id": owner["id"], "callback_type": "delivery_status"}
        refused = admin.post(f"/service/{service['id']}/callback-api", body=json.dumps(fields),  # \ud800 escaped
                             headers={"Content-Type": "application/json"})
        assert refused.status_code == 400, bad
        assert bad not in refused.text
        if "\ud800" in bad:  # no text at all: refused with the body, before any field is read
            assert "surrogate" in message(refused)
        else:
            assert list(message(refused)) == ["bearer_token"]
    assert create(admin, service, owner, bearer_token="x" * 10).status_code == 201


def test_every_field_is_required_and_typed(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> None:
    missing = admin.post(f"/service/{service['id']}/callback-api", json={})
    assert missing.status_code == 400
    assert message(missing) == {name: ["Missing data for required field."]
                                for name in ("url", "bearer_token", "updated_by_id", "callback_type")}
    wrong = create(admin, service, owner, callback_type="delivery-status", updated_by_id="me", url=7, colour="red")
    assert wrong.status_code == 400
    assert message(wrong) == {
        "callback_type": ["Must be one of: delivery_status, complaint, returned_letter, inbound_sms."],
        "updated_by_id": ["Not a valid UUID."], "url": ["Not a valid string."], "colour": ["Unknown field."]}
    body_not_object = admin.post(f"/service/{service['id']}/callback-api", json=["url"])
    assert body_not_object.status_code == 400


def test_unknown_service_user_and_ids(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> None:
    unknown_service = admin.post(f"/service/{uuid4()}/callback-api",
                                 json={"url": URL, "bearer_token": TOKEN, "updated_by_id": owner["id"],
                                       "callback_type": "delivery_status"})
    assert (unknown_service.status_code, message(unknown_service)) == (404, "No result found")
    nobody = uuid4()
    unknown_user = create(admin, service, owner, updated_by_id=str(nobody))
    assert (unknown_user.status_code, message(unknown_user)) == (
        400, {"updated_by_id": [f"No user found with id {nobody}"]})
    assert admin.get(f"/service/{service['id']}/callback-api/{uuid4()}").status_code == 404
    not_uuid = admin.get(f"/service/{service['id']}/callback-api/not-an-id")
    assert (not_uuid.status_code, message(not_uuid)) == (400, {"callback_api_id": ["Not a valid UUID."]})
    assert admin.post("/service/nope/callback-api", json={}).status_code == 400


def test_another_services_callback_is_not_found(admin: AdminClient, service: dict[str, Any],
                                                owner: dict[str, Any]) -> None:
    other = admin.post("/service", json={"name": "Other service", "user_id": owner["id"]}).json["data"]
    theirs = create(admin, other, owner).json["data"]["id"]
    base = f"/service/{service['id']}/callback-api/{theirs}"
    assert admin.get(base).status_code == 404
    assert admin.post(base, json={"callback_type": "delivery_status", "updated_by_id": owner["id"],
                                  "url": "https://attacker.example"}).status_code == 404
    assert admin.delete(base).status_code == 404
    assert admin.get(f"/service/{other['id']}/callback-api/{theirs}").json["data"]["url"] == URL


def test_updating_changes_url_or_token_and_makes_a_new_version(
        admin: AdminClient, notify: Notify, clock: FrozenClock, service: dict[str, Any],
        owner: dict[str, Any]) -> None:
    created = create(admin, service, owner).json["data"]
    path = f"/service/{service['id']}/callback-api/{created['id']}"
    clock.advance(minutes=5)
    moved = admin.post(path, json={"url": "https://new.example.gov.uk/receipts", "updated_by_id": owner["id"],
                                   "callback_type": "delivery_status"})
    assert moved.status_code == 200, moved.text
    assert moved.json["data"]["url"] == "https://new.example.gov.uk/receipts"
    assert moved.json["data"]["updated_at"] == "2026-06-15T12:05:00.000000Z"
    assert moved.json["data"]["created_at"] == created["created_at"]
    callback = stored(notify, service["id"], created["id"])
    assert (callback.version, callback.bearer_token) == (2, TOKEN)
    rotated = admin.post(path, json={"bearer_token": "a-brand-new-token", "updated_by_id": owner["id"],
                                     "callback_type": "delivery_status"})
    assert rotated.status_code == 200 and "a-brand-new-token" not in rotated.text
    callback = stored(notify, service["id"], created["id"])
    assert (callback.version, callback.bearer_token, callback.url) == (
        3, "a-brand-new-token", "https://new.example.gov.uk/receipts")


def test_update_needs_type_and_who_and_checks_what_it_changes(admin: AdminClient, service: dict[str, Any],
                                                              owner: dict[str, Any]) -> None:
    created = create(admin, service, owner).json["data"]
    path = f"/service/{service['id']}/callback-api/{created['id']}"
    missing = admin.post(path, json={"url": "https://new.example.gov.uk"})
    assert missing.status_code == 400
    assert message(missing) == {"callback_type": ["Missing data for required field."],
                                "updated_by_id": ["Missing data for required field."]}
    who = {"updated_by_id": owner["id"], "callback_type": "delivery_status"}
    assert message(admin.post(path, json={**who, "url": "http://new.example.gov.uk"})) == {
        "url": ["url is not a valid https url"]}
    assert message(admin.post(path, json={**who, "bearer_token": "short"})) == {
        "bearer_token": ["Shorter than minimum length 10."]}
    assert message(admin.post(path, json={**who, "url": None})) == {"url": ["Not a valid string."]}
    other_type = admin.post(path, json={**who, "callback_type": "complaint"})
    assert (other_type.status_code, message(other_type)) == (404, "No result found")
    assert admin.post(path, json=who).status_code == 200  # only who changed it: still a new version


def test_get_and_delete_check_the_type_when_given(admin: AdminClient, service: dict[str, Any],
                                                  owner: dict[str, Any]) -> None:
    created = create(admin, service, owner).json["data"]
    path = f"/service/{service['id']}/callback-api/{created['id']}"
    assert admin.get(path, query_string="callback_type=complaint").status_code == 404
    bad = admin.get(path, query_string="callback_type=everything")
    assert bad.status_code == 400 and list(message(bad)) == ["callback_type"]
    wrong_type = admin.delete(path, query_string="callback_type=inbound_sms")
    assert (wrong_type.status_code, message(wrong_type)) == (404, "Service inbound API not found")
    deleted = admin.delete(path, query_string="callback_type=delivery_status")
    assert deleted.status_code == 204 and deleted.text == ""
    assert admin.get(path).status_code == 404
    again = admin.delete(path, query_string="callback_type=delivery_status")
    assert (again.status_code, message(again)) == (404, "Service delivery receipt API not found")
    assert message(admin.delete(path)) == "No result found"
    assert create(admin, service, owner).status_code == 201  # the type is free again


def test_callback_endpoints_need_the_admin_client(admin: AdminClient, service: dict[str, Any],
                                                  owner: dict[str, Any]) -> None:
    created = create(admin, service, owner).json["data"]
    assert admin.raw.simulate_get(f"/service/{service['id']}/callback-api/{created['id']}").status_code == 401
    assert admin.raw.simulate_post(f"/service/{service['id']}/callback-api", json={}).status_code == 401
