"""Admin sender endpoints: /service/{id}/sms-sender and /service/{id}/email-reply-to, Notify's shapes and rules."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from ..conftest import AdminClient
from ..fakes import FrozenClock

UNKNOWN_ID = str(uuid4())


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


def sms_senders(admin: AdminClient, service: dict[str, Any]) -> list[dict[str, Any]]:
    result = admin.get(f"/service/{service['id']}/sms-sender")
    assert result.status_code == 200
    return result.json


def add_sms_sender(admin: AdminClient, service: dict[str, Any], **body: Any) -> dict[str, Any]:
    result = admin.post(f"/service/{service['id']}/sms-sender", json={"is_default": False, **body})
    assert result.status_code == 201, result.json
    return result.json


# -- text message senders -------------------------------------------------------------------------------

def test_a_new_service_has_govuk_as_its_default_sender(admin: AdminClient, service: dict[str, Any]) -> None:
    [sender] = sms_senders(admin, service)
    assert {k: sender[k] for k in ("sms_sender", "is_default", "archived", "inbound_number_id", "service_id",
                                   "updated_at")} == {
        "sms_sender": "GOVUK", "is_default": True, "archived": False, "inbound_number_id": None,
        "service_id": service["id"], "updated_at": None}
    assert admin.get(f"/service/{service['id']}/sms-sender/{sender['id']}").json == sender


def test_adding_a_default_sender_unsets_the_old_default(admin: AdminClient, service: dict[str, Any]) -> None:
    [govuk] = sms_senders(admin, service)
    inbound = str(uuid4())
    added = add_sms_sender(admin, service, sms_sender="07700900111", is_default=True, inbound_number_id=inbound)
    assert (added["sms_sender"], added["is_default"], added["inbound_number_id"]) == ("07700900111", True, inbound)
    listed = sms_senders(admin, service)
    assert [(s["id"], s["is_default"]) for s in listed] == [(added["id"], True), (govuk["id"], False)]


def test_updating_a_sender_and_making_it_the_default(admin: AdminClient, service: dict[str, Any]) -> None:
    [govuk] = sms_senders(admin, service)
    other = add_sms_sender(admin, service, sms_sender="Tax")
    result = admin.post(f"/service/{service['id']}/sms-sender/{other['id']}",
                        json={"sms_sender": "TaxOffice", "is_default": True})
    assert result.status_code == 200
    assert (result.json["sms_sender"], result.json["is_default"]) == ("TaxOffice", True)
    assert result.json["updated_at"] is not None
    assert [s["is_default"] for s in sms_senders(admin, service) if s["id"] == govuk["id"]] == [False]
    refused = admin.post(f"/service/{service['id']}/sms-sender/{other['id']}",
                         json={"sms_sender": "TaxOffice", "is_default": False})
    assert refused.status_code == 400
    assert message(refused) == "You must have at least one SMS sender as the default."


def test_an_inbound_number_cannot_be_changed_or_archived(admin: AdminClient, service: dict[str, Any]) -> None:
    inbound = add_sms_sender(admin, service, sms_sender="07700900111", inbound_number_id=str(uuid4()))
    changed = admin.post(f"/service/{service['id']}/sms-sender/{inbound['id']}",
                         json={"sms_sender": "07700900999", "is_default": False})
    assert (changed.status_code, message(changed)) == (
        400, f"You can not change the inbound number for service {service['id']}")
    archived = admin.post(f"/service/{service['id']}/sms-sender/{inbound['id']}/archive")
    assert (archived.status_code, message(archived)) == (400, "You cannot delete an inbound number")


def test_archiving_senders(admin: AdminClient, service: dict[str, Any]) -> None:
    [govuk] = sms_senders(admin, service)
    refused = admin.post(f"/service/{service['id']}/sms-sender/{govuk['id']}/archive")
    assert (refused.status_code, message(refused)) == (400, "You cannot delete a default sms sender")
    other = add_sms_sender(admin, service, sms_sender="Tax")
    result = admin.post(f"/service/{service['id']}/sms-sender/{other['id']}/archive")
    assert result.status_code == 200 and result.json["data"]["archived"] is True
    assert [s["id"] for s in sms_senders(admin, service)] == [govuk["id"]]
    assert admin.get(f"/service/{service['id']}/sms-sender/{other['id']}").status_code == 404
    again = admin.post(f"/service/{service['id']}/sms-sender/{other['id']}/archive")
    assert again.status_code == 200  # idempotent, as Notify
    gone = admin.post(f"/service/{service['id']}/sms-sender/{other['id']}", json={"sms_sender": "X",
                                                                                  "is_default": True})
    assert gone.status_code == 404


@pytest.mark.parametrize(("body", "field", "text"), [
    ({}, "sms_sender", "Missing data for required field."),
    ({"sms_sender": "GOVUK"}, "is_default", "Missing data for required field."),
    ({"sms_sender": "x" * 12, "is_default": False}, "sms_sender", "Longer than maximum length 11."),
    ({"sms_sender": " ", "is_default": False}, "sms_sender", "Field may not be blank."),
    ({"sms_sender": 7, "is_default": False}, "sms_sender", "Not a valid string."),
    ({"sms_sender": "A", "is_default": "yes"}, "is_default", "Not a valid boolean."),
    ({"sms_sender": "A", "is_default": False, "inbound_number_id": "x"}, "inbound_number_id", "Not a valid UUID."),
    ({"sms_sender": "A", "is_default": False, "colour": "red"}, "colour", "Unknown field."),
])
def test_bad_sender_input_is_a_400_naming_the_field(admin: AdminClient, service: dict[str, Any],
                                                    body: dict[str, Any], field: str, text: str) -> None:
    result = admin.post(f"/service/{service['id']}/sms-sender", json=body)
    assert result.status_code == 400
    assert message(result)[field] == [text]
    assert len(sms_senders(admin, service)) == 1


def test_unknown_services_and_senders_are_404(admin: AdminClient, service: dict[str, Any]) -> None:
    assert admin.get(f"/service/{UNKNOWN_ID}/sms-sender").status_code == 404
    assert admin.post(f"/service/{UNKNOWN_ID}/sms-sender", json={"sms_sender": "A", "is_default": True}
                      ).status_code == 404
    for path in (f"/service/{service['id']}/sms-sender/{UNKNOWN_ID}",
                 f"/service/{service['id']}/email-reply-to/{UNKNOWN_ID}"):
        assert admin.get(path).status_code == 404
        assert admin.post(path + "/archive").status_code == 404
    result = admin.get(f"/service/{service['id']}/sms-sender/not-a-uuid")
    assert (result.status_code, message(result)) == (400, {"sms_sender_id": ["Not a valid UUID."]})


# -- email reply-to addresses ------------------------------------------------------------------------------

def add_reply_to(admin: AdminClient, service: dict[str, Any], **body: Any) -> dict[str, Any]:
    result = admin.post(f"/service/{service['id']}/email-reply-to", json=body)
    assert result.status_code == 201, result.json
    return result.json["data"]


def test_the_first_reply_to_is_the_default_and_a_new_default_unsets_it(admin: AdminClient, service: dict[str, Any],
                                                                       clock: FrozenClock) -> None:
    assert admin.get(f"/service/{service['id']}/email-reply-to").json == []
    refused = admin.post(f"/service/{service['id']}/email-reply-to",
                         json={"email_address": "first@example.gov.uk", "is_default": False})
    assert (refused.status_code, message(refused)) == (
        400, "You must have at least one reply to email address as the default.")
    first = add_reply_to(admin, service, email_address="first@example.gov.uk")
    assert {k: first[k] for k in ("email_address", "is_default", "archived", "service_id")} == {
        "email_address": "first@example.gov.uk", "is_default": True, "archived": False,
        "service_id": service["id"]}
    clock.advance(seconds=1)
    second = add_reply_to(admin, service, email_address="second@example.gov.uk", is_default=False)
    clock.advance(seconds=1)
    third = add_reply_to(admin, service, email_address="third@example.gov.uk", is_default=True)
    listed = admin.get(f"/service/{service['id']}/email-reply-to").json
    assert [(r["id"], r["is_default"]) for r in listed] == [(third["id"], True), (second["id"], False),
                                                            (first["id"], False)]
    assert admin.get(f"/service/{service['id']}/email-reply-to/{second['id']}").json == second


def test_reply_to_addresses_are_validated_and_unique(admin: AdminClient, service: dict[str, Any]) -> None:
    bad = admin.post(f"/service/{service['id']}/email-reply-to", json={"email_address": "not an email"})
    assert (bad.status_code, message(bad)) == (400, {"email_address": ["Not a valid email address"]})
    add_reply_to(admin, service, email_address="replies@example.gov.uk")
    again = admin.post(f"/service/{service['id']}/email-reply-to", json={"email_address": "Replies@example.gov.uk"})
    assert (again.status_code, message(again)) == (
        409, "‘Replies@example.gov.uk’ is already a reply-to email address for this service.")
    missing = admin.post(f"/service/{service['id']}/email-reply-to", json={})
    assert (missing.status_code, message(missing)) == (400, {"email_address": ["Missing data for required field."]})


def test_updating_a_reply_to(admin: AdminClient, service: dict[str, Any]) -> None:
    first = add_reply_to(admin, service, email_address="first@example.gov.uk")
    second = add_reply_to(admin, service, email_address="second@example.gov.uk", is_default=False)
    path = f"/service/{service['id']}/email-reply-to"
    refused = admin.post(f"{path}/{first['id']}", json={"email_address": "first@example.gov.uk",
                                                        "is_default": False})
    assert (refused.status_code, message(refused)) == (
        400, "You must have at least one reply to email address as the default.")
    result = admin.post(f"{path}/{second['id']}", json={"email_address": "new@example.gov.uk"})  # default: True
    assert result.status_code == 200
    assert (result.json["data"]["email_address"], result.json["data"]["is_default"]) == ("new@example.gov.uk", True)
    assert admin.get(f"{path}/{first['id']}").json["is_default"] is False
    bad = admin.post(f"{path}/{second['id']}", json={"email_address": "nope"})
    assert bad.status_code == 400


def test_archiving_reply_tos_keeps_the_default_while_others_remain(admin: AdminClient,
                                                                   service: dict[str, Any]) -> None:
    first = add_reply_to(admin, service, email_address="first@example.gov.uk")
    second = add_reply_to(admin, service, email_address="second@example.gov.uk", is_default=False)
    path = f"/service/{service['id']}/email-reply-to"
    refused = admin.post(f"{path}/{first['id']}/archive")
    assert (refused.status_code, message(refused)) == (400, "You cannot delete a default email reply to address")
    archived = admin.post(f"{path}/{second['id']}/archive")
    assert archived.status_code == 200 and archived.json["data"]["archived"] is True
    last = admin.post(f"{path}/{first['id']}/archive")  # the only one left: it may go
    assert last.status_code == 200
    assert (last.json["data"]["archived"], last.json["data"]["is_default"]) == (True, False)
    assert admin.get(path).json == []
    assert admin.get(f"{path}/{first['id']}").status_code == 404
    again = add_reply_to(admin, service, email_address="first@example.gov.uk")  # archived ones do not clash
    assert again["is_default"] is True
