"""Admin branding endpoints: email and letter branding, and setting them on a service."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from ..conftest import AdminClient

UNKNOWN_ID = str(uuid4())


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


@pytest.fixture
def email_brand(admin: AdminClient) -> dict[str, Any]:
    result = admin.post("/email-branding", json={"name": "Blue", "colour": "#0000ff", "text": "Blue dept",
                                                 "brand_type": "org"})
    assert result.status_code == 201
    return result.json["data"]


@pytest.fixture
def letter_brand(admin: AdminClient) -> dict[str, Any]:
    result = admin.post("/letter-branding", json={"name": "HM Blue", "filename": "hm-blue"})
    assert result.status_code == 201
    return result.json


def test_email_branding_create_get_list(admin: AdminClient, email_brand: dict[str, Any]) -> None:
    assert email_brand["name"] == "Blue" and email_brand["colour"] == "#0000ff"
    assert admin.get(f"/email-branding/{email_brand['id']}").json["email_branding"] == email_brand
    assert admin.get("/email-branding").json["email_branding"] == [email_brand]


def test_email_branding_update(admin: AdminClient, email_brand: dict[str, Any], owner: dict[str, Any]) -> None:
    result = admin.post(f"/email-branding/{email_brand['id']}", json={"colour": "#f00", "updated_by": owner["id"]})
    assert result.status_code == 200
    assert result.json["data"]["colour"] == "#f00" and result.json["data"]["updated_by"] == owner["id"]


@pytest.mark.parametrize("fields, field", [
    ({"name": "Blue"}, "name"),
    ({"name": "Red", "colour": "red"}, "colour"),
    ({"name": "Red", "brand_type": "loud"}, "brand_type"),
    ({"name": "Red", "created_by": UNKNOWN_ID}, "created_by"),
    ({"colour": "#fff"}, "name"),
    ({"name": "Red", "shade": "dark"}, "shade"),
])
def test_email_branding_errors(admin: AdminClient, email_brand: dict[str, Any], fields: dict[str, Any],
                               field: str) -> None:
    result = admin.post("/email-branding", json=fields)
    assert result.status_code == 400 and field in message(result)
    assert len(admin.get("/email-branding").json["email_branding"]) == 1


def test_unknown_branding_is_404(admin: AdminClient) -> None:
    for path in ("/email-branding", "/letter-branding"):
        assert admin.get(f"{path}/{UNKNOWN_ID}").status_code == 404
        assert admin.post(f"{path}/{UNKNOWN_ID}", json={"name": "x"}).status_code == 404
        assert admin.get(f"{path}/nope").status_code == 400


def test_letter_branding_create_get_list_update(admin: AdminClient, letter_brand: dict[str, Any]) -> None:
    assert admin.get(f"/letter-branding/{letter_brand['id']}").json == letter_brand
    assert admin.get("/letter-branding").json == [letter_brand]
    result = admin.post(f"/letter-branding/{letter_brand['id']}", json={"name": "HM Navy"})
    assert result.status_code == 200 and result.json["name"] == "HM Navy"


def test_letter_branding_errors(admin: AdminClient, letter_brand: dict[str, Any]) -> None:
    result = admin.post("/letter-branding", json={"name": "HM Blue", "filename": "other"})
    assert result.status_code == 400 and "name" in message(result)
    result = admin.post("/letter-branding", json={"name": "Other", "filename": "hm-blue"})
    assert result.status_code == 400 and "filename" in message(result)
    result = admin.post("/letter-branding", json={"name": "Other"})
    assert message(result) == {"filename": ["Missing data for required field."]}


def test_branding_is_set_on_a_service_and_unknown_ids_are_400(admin: AdminClient, owner: dict[str, Any],
                                                              email_brand: dict[str, Any],
                                                              letter_brand: dict[str, Any]) -> None:
    service = admin.post("/service", json={"name": "S", "user_id": owner["id"]}).json["data"]
    result = admin.post(f"/service/{service['id']}", json={"email_branding": email_brand["id"],
                                                           "letter_branding": letter_brand["id"]})
    assert result.status_code == 200
    assert result.json["data"]["email_branding"] == email_brand["id"]
    assert result.json["data"]["letter_branding"] == letter_brand["id"]
    for field in ("email_branding", "letter_branding"):
        result = admin.post(f"/service/{service['id']}", json={field: UNKNOWN_ID})
        assert result.status_code == 400 and field in message(result)


def test_who_uses_a_branding(admin: AdminClient, email_brand: dict[str, Any], letter_brand: dict[str, Any],
                             owner: dict[str, Any]) -> None:
    url = f"/email-branding/{email_brand['id']}/orgs_and_services"
    assert admin.get(url).json == {"data": {"services": [], "organisations": []}}
    made = [admin.post("/service", json={"name": name, "user_id": owner["id"]}).json["data"] for name in "BAC"]
    for service in made:
        admin.post(f"/service/{service['id']}", json={"email_branding": email_brand["id"],
                                                      "letter_branding": letter_brand["id"]})
    admin.post(f"/service/{made[2]['id']}/archive")  # archived services no longer count
    org = admin.post("/organisations", json={"name": "Org", "organisation_type": "central"}).json
    admin.post(f"/organisations/{org['id']}", json={"email_branding_id": email_brand["id"]})
    assert admin.get(url).json["data"] == {
        "services": [{"id": made[1]["id"], "name": "A"}, {"id": made[0]["id"], "name": "B"}],
        "organisations": [{"id": org["id"], "name": "Org"}]}
    letter = admin.get(f"/letter-branding/{letter_brand['id']}/orgs_and_services").json["data"]
    assert [s["name"] for s in letter["services"]] == ["A", "B"] and letter["organisations"] == []
    assert admin.get(f"/email-branding/{UNKNOWN_ID}/orgs_and_services").json["data"] == {
        "services": [], "organisations": []}
    assert admin.get("/email-branding/nope/orgs_and_services").status_code == 400


def test_a_name_for_alt_text_is_the_alt_text_until_taken_then_the_first_unused_alternate(
        admin: AdminClient, email_brand: dict[str, Any]) -> None:
    def name_for(alt_text: str) -> Any:
        result = admin.post("/email-branding/get-name-for-alt-text/", json={"alt_text": alt_text})
        assert result.status_code == 200
        return result.json["name"]

    assert name_for("Green") == "Green"
    assert name_for("blue") == "blue (alternate 1)"  # names clash whatever their case
    assert admin.post("/email-branding", json={"name": "blue (alternate 1)"}).status_code == 201
    assert name_for("Blue") == "Blue (alternate 2)"


def test_a_unique_letter_branding_name_skips_those_taken(admin: AdminClient, letter_brand: dict[str, Any]) -> None:
    def unique(name: str) -> Any:
        result = admin.post("/letter-branding/get-unique-name/", json={"name": name})
        assert result.status_code == 200
        return result.json["name"]

    assert unique("HM Green") == "HM Green"
    assert unique("HM BLUE") == "HM BLUE (alternate 1)"
    assert admin.post("/letter-branding", json={"name": "HM Blue (alternate 1)", "filename": "b1"}).status_code == 201
    assert unique("HM Blue") == "HM Blue (alternate 2)"


@pytest.mark.parametrize("path, body, field", [
    ("/email-branding/get-name-for-alt-text/", {}, "alt_text"),
    ("/email-branding/get-name-for-alt-text/", {"alt_text": 3}, "alt_text"),
    ("/letter-branding/get-unique-name/", {"name": None}, "name"),
    ("/letter-branding/get-unique-name/", {"name": ""}, "name"),
])
def test_a_name_cannot_be_suggested_from_nothing(admin: AdminClient, path: str, body: dict[str, Any],
                                                 field: str) -> None:
    result = admin.post(path, json=body)
    assert result.status_code == 400 and field in str(message(result))
