"""Admin letter contact blocks (/service/{id}/letter-contact) and templates' `reply_to`: Notify's shapes and rules."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from ..conftest import AdminClient


def add_contact(admin: AdminClient, service: dict[str, Any], block: str, is_default: bool) -> dict[str, Any]:
    result = admin.post(f"/service/{service['id']}/letter-contact",
                        json={"contact_block": block, "is_default": is_default})
    assert result.status_code == 201, result.json
    return result.json["data"]


def contacts(admin: AdminClient, service: dict[str, Any]) -> list[dict[str, Any]]:
    result = admin.get(f"/service/{service['id']}/letter-contact")
    assert result.status_code == 200
    return result.json


def test_a_new_service_has_no_contact_blocks(admin: AdminClient, service: dict[str, Any]) -> None:
    assert contacts(admin, service) == []


def test_add_get_and_list_with_the_default_first(admin: AdminClient, service: dict[str, Any]) -> None:
    other = add_contact(admin, service, "Annexe\nSW1A 2AA", False)
    main = add_contact(admin, service, "Head office\n1 High Street\nSW1A 1AA", True)
    assert {k: main[k] for k in ("contact_block", "is_default", "archived", "service_id", "updated_at")} == {
        "contact_block": "Head office\n1 High Street\nSW1A 1AA", "is_default": True, "archived": False,
        "service_id": service["id"], "updated_at": None}
    assert admin.get(f"/service/{service['id']}/letter-contact/{main['id']}").json == main
    assert [c["id"] for c in contacts(admin, service)] == [main["id"], other["id"]]


def test_a_new_default_unsets_the_old_one(admin: AdminClient, service: dict[str, Any]) -> None:
    first = add_contact(admin, service, "First", True)
    second = add_contact(admin, service, "Second", False)
    result = admin.post(f"/service/{service['id']}/letter-contact/{second['id']}",
                        json={"contact_block": "Second, changed", "is_default": True})
    assert result.status_code == 200
    assert (result.json["data"]["contact_block"], result.json["data"]["is_default"]) == ("Second, changed", True)
    assert [(c["id"], c["is_default"]) for c in contacts(admin, service)] == [(second["id"], True),
                                                                             (first["id"], False)]


def test_archived_blocks_are_gone(admin: AdminClient, service: dict[str, Any]) -> None:
    block = add_contact(admin, service, "Old office", True)
    result = admin.post(f"/service/{service['id']}/letter-contact/{block['id']}/archive")
    assert result.status_code == 200
    assert (result.json["data"]["archived"], result.json["data"]["is_default"]) == (True, False)
    assert contacts(admin, service) == []
    assert admin.get(f"/service/{service['id']}/letter-contact/{block['id']}").status_code == 404


def test_bad_input_and_unknown_ids(admin: AdminClient, service: dict[str, Any]) -> None:
    result = admin.post(f"/service/{service['id']}/letter-contact", json={"is_default": True})
    assert result.status_code == 400
    assert result.json["message"] == {"contact_block": ["Missing data for required field."]}
    assert admin.get(f"/service/{service['id']}/letter-contact/{uuid4()}").status_code == 404
    assert admin.get(f"/service/{uuid4()}/letter-contact").status_code == 404


def test_letter_template_reply_to_is_a_live_contact_block(admin: AdminClient, service: dict[str, Any],
                                                          owner: dict[str, Any]) -> None:
    admin.post(f"/service/{service['id']}", json={"permissions": ["sms", "email", "letter"]})
    block = add_contact(admin, service, "Office", False)
    base = {"name": "Letter", "template_type": "letter", "content": "Hi", "subject": "S", "created_by": owner["id"]}
    created = admin.post(f"/service/{service['id']}/template", json={**base, "reply_to": block["id"]})
    assert created.status_code == 201, created.json
    assert created.json["data"]["reply_to"] == block["id"]
    unknown = str(uuid4())
    refused = admin.post(f"/service/{service['id']}/template/{created.json['data']['id']}",
                         json={"reply_to": unknown})
    assert refused.status_code == 400
    assert refused.json["message"] == {
        "reply_to": [f"letter_contact_id {unknown} does not exist in database for service id {service['id']}"]}
    sms = admin.post(f"/service/{service['id']}/template",
                     json={"name": "T", "template_type": "sms", "content": "Hi", "created_by": owner["id"],
                           "reply_to": block["id"]})
    assert sms.status_code == 400
    assert sms.json["message"] == {"reply_to": ["Unable to set sender for sms template"]}
