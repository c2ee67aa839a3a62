"""An organisation's email and letter branding pools, archiving an email branding, recorded events and the
protected sender id check, through the admin API on every store."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.usecases import events
from notify.usecases.app import Notify

from ..conftest import AdminClient

UNKNOWN_ID = str(uuid4())


def org(admin: AdminClient, name: str) -> dict[str, Any]:
    result = admin.post("/organisations", json={"name": name, "organisation_type": "central"})
    assert result.status_code == 201
    return result.json


def brand(admin: AdminClient, kind: str, name: str) -> str:
    body = {"name": name} if kind == "email" else {"name": name, "filename": name.lower()}
    result = admin.post(f"/{kind}-branding", json=body)
    assert result.status_code == 201
    return str((result.json.get("data") or result.json)["id"])


@pytest.mark.parametrize("kind", ["email", "letter"])
def test_a_pool_is_listed_added_to_and_removed_from(admin: AdminClient, kind: str) -> None:
    cabinet, other = org(admin, "Cabinet Office"), org(admin, "Other")
    blue, red = brand(admin, kind, "Blue"), brand(admin, kind, "Red")
    pool = f"/organisations/{cabinet['id']}/{kind}-branding-pool"

    def listed(path: str = pool) -> list[str]:
        result = admin.get(path)
        assert result.status_code == 200
        return [b["id"] for b in result.json["data"]]

    assert listed() == []
    added = admin.post(pool, json={"branding_ids": [blue, red, UNKNOWN_ID]})
    assert added.status_code == 204
    assert admin.post(pool, json={"branding_ids": [blue]}).status_code == 204  # already there: no change
    assert listed() == [blue, red] and listed(f"/organisations/{other['id']}/{kind}-branding-pool") == []
    assert admin.get(pool).json["data"][0]["name"] == "Blue"
    assert admin.delete(f"{pool}/{red}").status_code == 204
    assert listed() == [blue]
    missing = admin.delete(f"{pool}/{red}")
    assert missing.status_code == 404 and "not in Cabinet Office's pool" in missing.json["message"]
    assert admin.delete(f"/organisations/{other['id']}/{kind}-branding-pool/{blue}").status_code == 404
    assert listed() == [blue]


def test_an_organisations_default_letter_branding_stays_in_its_pool(admin: AdminClient) -> None:
    cabinet = org(admin, "Cabinet Office")
    blue = brand(admin, "letter", "Blue")
    pool = f"/organisations/{cabinet['id']}/letter-branding-pool"
    admin.post(pool, json={"branding_ids": [blue]})
    assert admin.post(f"/organisations/{cabinet['id']}", json={"letter_branding_id": blue}).status_code == 204
    refused = admin.delete(f"{pool}/{blue}")
    assert (refused.status_code, refused.json["message"]) == (
        400, "You cannot remove an organisation's default letter branding")


@pytest.mark.parametrize("body", [{}, {"branding_ids": "not-a-list"}, {"branding_ids": ["not-a-uuid"]},
                                  {"branding_ids": None}])
def test_a_malformed_pool_addition_is_400_and_an_unknown_organisation_404(admin: AdminClient,
                                                                          body: dict[str, Any]) -> None:
    cabinet = org(admin, "Cabinet Office")
    result = admin.post(f"/organisations/{cabinet['id']}/email-branding-pool", json=body)
    assert result.status_code == 400 and result.json["result"] == "error" and "branding_ids" in str(result.json)
    assert admin.get(f"/organisations/{UNKNOWN_ID}/email-branding-pool").status_code == 404
    assert admin.post(f"/organisations/{UNKNOWN_ID}/letter-branding-pool",
                      json={"branding_ids": []}).status_code == 404


def test_an_unused_email_branding_is_archived_and_leaves_every_pool(admin: AdminClient) -> None:
    cabinet = org(admin, "Cabinet Office")
    blue, kept = brand(admin, "email", "Blue"), brand(admin, "email", "Kept")
    pool = f"/organisations/{cabinet['id']}/email-branding-pool"
    admin.post(pool, json={"branding_ids": [blue, kept]})
    assert admin.post(f"/email-branding/{blue}/archive").status_code == 204
    assert [b["id"] for b in admin.get(pool).json["data"]] == [kept]
    assert [b["id"] for b in admin.get("/email-branding").json["email_branding"]] == [kept]
    assert admin.get(f"/email-branding/{blue}").json["email_branding"]["name"].endswith("_Blue")
    assert admin.post("/email-branding", json={"name": "Blue"}).status_code == 201  # its name is free again
    assert admin.post(f"/email-branding/{UNKNOWN_ID}/archive").status_code == 404


def test_an_email_branding_in_use_is_not_archived(admin: AdminClient, service: dict[str, Any]) -> None:
    blue = brand(admin, "email", "Blue")
    admin.post(f"/service/{service['id']}", json={"email_branding": blue})
    refused = admin.post(f"/email-branding/{blue}/archive")
    assert (refused.status_code, refused.json["message"]) == (
        400, "Email branding is in use and so it can't be archived.")
    assert [b["id"] for b in admin.get("/email-branding").json["email_branding"]] == [blue]


def test_an_event_is_recorded_and_returned(admin: AdminClient, clock: Any) -> None:
    data = {"user_id": str(uuid4()), "browser_fingerprint": {"agent": "x"}, "ip_address": "192.0.2.1"}
    result = admin.post("/events", json={"event_type": "sucessful_login", "data": data})
    assert result.status_code == 201
    event = result.json["data"]
    assert (event["event_type"], event["data"]) == ("sucessful_login", data) and event["id"] and event["created_at"]


@pytest.mark.parametrize("body, field", [({"data": {}}, "event_type"), ({"event_type": "x"}, "data"),
                                         ({"event_type": "x", "data": "text"}, "data"),
                                         ({"event_type": "", "data": {}}, "event_type")])
def test_a_malformed_event_is_400(admin: AdminClient, body: dict[str, Any], field: str) -> None:
    result = admin.post("/events", json=body)
    assert result.status_code == 400 and field in str(result.json["message"])


def test_a_protected_sender_id_is_found_whatever_its_spacing_and_case(admin: AdminClient, notify: Notify) -> None:
    events.protect_sender_id(notify, "Big Bank")

    def check(sender_id: str) -> Any:
        result = admin.get("/protected-sender-id/check", query_string=f"sender_id={sender_id}")
        assert result.status_code == 200
        return result.json

    assert check("bigbank") is True and check("BIG%20BANK") is True and check("Big%20Bank%202") is False
    for query in ("", "sender_id="):
        result = admin.get("/protected-sender-id/check", query_string=query)
        assert (result.status_code, result.json["message"]) == (400, "sender_id must be passed in")
