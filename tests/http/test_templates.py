"""Admin template endpoints: create, update with versions, archive, read, list, versions, preview."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from ..conftest import AdminClient
from ..fakes import FrozenClock

UNKNOWN_ID = str(uuid4())


@pytest.fixture
def base(service: dict[str, Any]) -> str:
    return f"/service/{service['id']}/template"


def body(owner: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"name": "Reminder", "template_type": "sms", "content": "Hi ((name))", "created_by": owner["id"],
            **fields}


def create(admin: AdminClient, base: str, owner: dict[str, Any], **fields: Any) -> dict[str, Any]:
    result = admin.post(base, json=body(owner, **fields))
    assert result.status_code == 201, result.json
    return result.json["data"]


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


# create

def test_creating_an_sms_template_returns_version_one(admin: AdminClient, base: str, owner: dict[str, Any],
                                                      service: dict[str, Any]) -> None:
    data = create(admin, base, owner)
    assert data["version"] == 1
    assert data["template_type"] == "sms"
    assert data["content"] == "Hi ((name))"
    assert data["subject"] is None
    assert data["service"] == service["id"]
    assert data["created_by"] == owner["id"]
    assert data["archived"] is False
    assert data["postage"] is None
    assert admin.get(f"{base}/{data['id']}").json["data"] == data


def test_email_template_keeps_subject_and_unsubscribe_link(admin: AdminClient, base: str,
                                                            owner: dict[str, Any]) -> None:
    data = create(admin, base, owner, template_type="email", subject="About ((ref))", has_unsubscribe_link=True)
    assert data["subject"] == "About ((ref))"
    assert data["has_unsubscribe_link"] is True


def test_letter_template_defaults_to_second_class_in_english(admin: AdminClient, base: str,
                                                             owner: dict[str, Any]) -> None:
    data = create(admin, base, owner, template_type="letter", subject="Your letter")
    assert data["postage"] == "second"
    assert data["letter_languages"] == "english"


@pytest.mark.parametrize("postage", ["first", "second", "economy", "europe", "rest-of-world"])
def test_letter_postage_can_be_any_of_notifys(admin: AdminClient, base: str, owner: dict[str, Any],
                                             postage: str) -> None:
    assert create(admin, base, owner, template_type="letter", subject="S", postage=postage)["postage"] == postage


def test_welsh_letters_keep_welsh_subject_and_content(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    data = create(admin, base, owner, template_type="letter", subject="S", letter_languages="welsh_then_english",
                  letter_welsh_subject="Pwnc", letter_welsh_content="Helo ((enw))")
    assert (data["letter_welsh_subject"], data["letter_welsh_content"]) == ("Pwnc", "Helo ((enw))")


@pytest.mark.parametrize("kind", ["email", "letter"])
def test_email_and_letter_need_a_subject(admin: AdminClient, base: str, owner: dict[str, Any], kind: str) -> None:
    result = admin.post(base, json=body(owner, template_type=kind))
    assert result.status_code == 400
    assert message(result) == {"subject": ["Missing data for required field."]}


def test_sms_content_over_918_characters_is_refused(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    assert admin.post(base, json=body(owner, content="a" * 918)).status_code == 201
    result = admin.post(base, json=body(owner, content="a" * 919))
    assert result.status_code == 400
    assert message(result) == {"content": ["Content has a character count greater than the limit of 918"]}


def test_email_content_over_2mb_is_refused(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    result = admin.post(base, json=body(owner, template_type="email", subject="S", content="é" * 1_000_001))
    assert result.status_code == 400
    assert list(message(result)) == ["content"]


@pytest.mark.parametrize("fields, field", [
    ({"template_type": "fax"}, "template_type"),
    ({"content": ""}, "content"),
    ({"name": "  "}, "name"),
    ({"created_by": "not-a-uuid"}, "created_by"),
    ({"postage": "pigeon", "template_type": "letter", "subject": "S"}, "postage"),
    ({"letter_languages": "french", "template_type": "letter", "subject": "S"}, "letter_languages"),
    ({"colour": "red"}, "colour"),
    ({"postage": "first"}, "postage"),
    ({"has_unsubscribe_link": True}, "has_unsubscribe_link"),
    ({"template_type": "letter", "subject": "S", "letter_languages": "welsh_then_english"},
     "letter_welsh_subject"),
    ({"created_by": UNKNOWN_ID}, "created_by"),
    ({"parent_folder_id": UNKNOWN_ID}, "parent_folder_id"),
])
def test_bad_fields_are_named_in_a_400(admin: AdminClient, base: str, owner: dict[str, Any],
                                       fields: dict[str, Any], field: str) -> None:
    result = admin.post(base, json=body(owner, **fields))
    assert result.status_code == 400
    assert field in message(result)
    assert admin.get(base).json["data"] == []  # nothing half-written


@pytest.mark.parametrize("missing", ["name", "template_type", "content", "created_by"])
def test_required_fields_are_required(admin: AdminClient, base: str, owner: dict[str, Any], missing: str) -> None:
    data = body(owner)
    del data[missing]
    result = admin.post(base, json=data)
    assert result.status_code == 400
    assert message(result) == {missing: ["Missing data for required field."]}


def test_a_service_without_the_channel_cannot_create_its_templates(admin: AdminClient, owner: dict[str, Any]) -> None:
    service = admin.post("/service", json={"name": "Emails only", "user_id": owner["id"],
                                           "permissions": ["email"]}).json["data"]
    result = admin.post(f"/service/{service['id']}/template", json=body(owner))
    assert result.status_code == 403
    assert message(result) == {"template_type": ["Creating text message templates is not allowed"]}


def test_unknown_or_malformed_service_ids(admin: AdminClient, owner: dict[str, Any]) -> None:
    assert admin.post(f"/service/{UNKNOWN_ID}/template", json=body(owner)).status_code == 404
    assert admin.get(f"/service/{UNKNOWN_ID}/template").status_code == 404
    assert admin.post("/service/nope/template", json=body(owner)).status_code == 400


def test_template_endpoints_need_an_admin_token(admin: AdminClient, base: str) -> None:
    assert admin.raw.simulate_get(base).status_code == 401
    assert admin.raw.simulate_post(base, json={}, headers={"Authorization": "Bearer junk"}).status_code == 403


def test_a_body_that_is_not_an_object_is_a_400(admin: AdminClient, base: str) -> None:
    assert admin.post(base, json=[1, 2]).status_code == 400
    assert admin.post(base, body="{not json", headers={"Content-Type": "application/json"}).status_code == 400


# update and versions

def test_each_change_writes_a_new_version_and_keeps_the_old_ones(admin: AdminClient, base: str,
                                                                 owner: dict[str, Any], clock: FrozenClock) -> None:
    template = create(admin, base, owner)
    clock.advance(minutes=1)
    updated = admin.post(f"{base}/{template['id']}", json={"content": "Hello ((name))"})
    assert updated.status_code == 200
    assert updated.json["data"]["version"] == 2
    assert updated.json["data"]["content"] == "Hello ((name))"
    assert updated.json["data"]["updated_at"] is not None
    renamed = admin.post(f"{base}/{template['id']}", json={"name": "Renamed"}).json["data"]
    assert renamed["version"] == 3
    v1 = admin.get(f"{base}/{template['id']}/version/1").json["data"]
    assert v1["content"] == "Hi ((name))" and v1["version"] == 1
    assert v1["created_by"] == {"id": owner["id"], "name": owner["name"], "email_address": owner["email_address"]}
    versions = admin.get(f"{base}/{template['id']}/versions").json["data"]
    assert [v["version"] for v in versions] == [3, 2, 1]
    assert [v["name"] for v in versions] == ["Renamed", "Reminder", "Reminder"]


def test_an_update_that_changes_nothing_writes_no_version(admin: AdminClient, base: str,
                                                          owner: dict[str, Any]) -> None:
    template = create(admin, base, owner)
    result = admin.post(f"{base}/{template['id']}", json={"content": "Hi ((name))", "name": "Reminder",
                                                          "template_type": "sms", "created_by": owner["id"]})
    assert result.status_code == 200
    assert result.json["data"]["version"] == 1
    assert len(admin.get(f"{base}/{template['id']}/versions").json["data"]) == 1


def test_update_rules_are_the_create_rules(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    template = create(admin, base, owner)
    result = admin.post(f"{base}/{template['id']}", json={"content": "x" * 919})
    assert result.status_code == 400 and "content" in message(result)
    result = admin.post(f"{base}/{template['id']}", json={"template_type": "email"})
    assert result.status_code == 400 and "template_type" in message(result)
    result = admin.post(f"{base}/{template['id']}", json={"platform": "x"})
    assert result.status_code == 400 and message(result) == {"platform": ["Unknown field."]}
    assert admin.get(f"{base}/{template['id']}").json["data"]["version"] == 1


def test_letter_settings_changes_are_versions_too(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    template = create(admin, base, owner, template_type="letter", subject="S")
    data = admin.post(f"{base}/{template['id']}", json={"postage": "first"}).json["data"]
    assert (data["postage"], data["version"]) == ("first", 2)
    data = admin.post(f"{base}/{template['id']}", json={
        "letter_languages": "welsh_then_english", "letter_welsh_subject": "P", "letter_welsh_content": "C"}).json["data"]
    assert data["version"] == 3
    data = admin.post(f"{base}/{template['id']}", json={"letter_languages": "english"}).json["data"]
    assert (data["letter_welsh_subject"], data["letter_welsh_content"], data["version"]) == (None, None, 4)


def test_archiving_is_a_version_and_hides_the_template_from_the_list(admin: AdminClient, base: str,
                                                                     owner: dict[str, Any]) -> None:
    template = create(admin, base, owner)
    data = admin.post(f"{base}/{template['id']}", json={"archived": True, "created_by": owner["id"]}).json["data"]
    assert (data["archived"], data["version"]) == (True, 2)
    assert admin.get(base).json["data"] == []
    assert admin.get(f"{base}/{template['id']}").json["data"]["archived"] is True
    result = admin.post(f"{base}/{template['id']}", json={"name": "Back"})
    assert result.status_code == 400 and message(result) == {"template": ["Template has been deleted"]}


def test_unknown_templates_and_versions_are_404(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    template = create(admin, base, owner)
    assert admin.get(f"{base}/{UNKNOWN_ID}").status_code == 404
    assert admin.post(f"{base}/{UNKNOWN_ID}", json={"name": "x"}).status_code == 404
    assert admin.get(f"{base}/{UNKNOWN_ID}/versions").status_code == 404
    assert admin.get(f"{base}/{template['id']}/version/2").status_code == 404
    assert admin.get(f"{base}/{template['id']}/version/x").status_code == 400
    assert admin.get(f"{base}/{template['id']}/version/0").status_code == 400
    assert admin.get(f"{base}/not-an-id").status_code == 400


def test_another_services_template_is_not_found(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    template = create(admin, base, owner)
    other = admin.post("/service", json={"name": "Other", "user_id": owner["id"]}).json["data"]
    assert admin.get(f"/service/{other['id']}/template/{template['id']}").status_code == 404
    assert admin.post(f"/service/{other['id']}/template/{template['id']}", json={"name": "x"}).status_code == 404


# list

def test_list_shows_current_templates_filtered_by_type(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    sms = create(admin, base, owner, name="B text")
    email = create(admin, base, owner, name="A email", template_type="email", subject="S")
    listed = admin.get(base).json["data"]
    assert [t["id"] for t in listed] == [email["id"], sms["id"]]
    assert set(listed[0]) == {"id", "name", "template_type", "folder", "is_precompiled_letter"}
    assert [t["id"] for t in admin.get(base, params={"template_type": "sms"}).json["data"]] == [sms["id"]]
    result = admin.get(base, params={"template_type": "fax"})
    assert result.status_code == 400 and "template_type" in message(result)


# preview

def test_preview_fills_in_personalisation_from_the_query(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    template = create(admin, base, owner, template_type="email", subject="For ((Name))",
                      content="Dear ((name)), ((extra??More text))")
    result = admin.get(f"{base}/{template['id']}/preview", query_string="name=Jo&extra=yes")
    assert result.status_code == 200
    assert result.json["content"] == "Dear Jo, More text"
    assert result.json["subject"] == "For Jo"
    assert result.json["id"] == template["id"]


def test_preview_with_missing_personalisation_names_it(admin: AdminClient, base: str, owner: dict[str, Any]) -> None:
    template = create(admin, base, owner, content="((a)) ((b)) ((c))")
    result = admin.get(f"{base}/{template['id']}/preview", query_string="b=1&c=")
    assert result.status_code == 400
    assert message(result) == {"template": ["Missing personalisation: a"]}
    assert admin.get(f"{base}/{UNKNOWN_ID}/preview").status_code == 404
