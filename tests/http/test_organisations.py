"""Admin organisation endpoints: create, get, update (agreement and billing), list, services, members."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from ..conftest import AdminClient

UNKNOWN_ID = str(uuid4())


@pytest.fixture
def org(admin: AdminClient) -> dict[str, Any]:
    result = admin.post("/organisations", json={"name": "Cabinet Office", "organisation_type": "central",
                                                "crown": True, "domains": ["cabinet-office.gov.uk"]})
    assert result.status_code == 201
    return result.json


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


def test_create_and_get(admin: AdminClient, org: dict[str, Any]) -> None:
    assert org["name"] == "Cabinet Office" and org["crown"] is True and org["active"] is True
    assert org["domains"] == ["cabinet-office.gov.uk"]
    assert admin.get(f"/organisations/{org['id']}").json == org


def test_create_errors(admin: AdminClient, org: dict[str, Any]) -> None:
    result = admin.post("/organisations", json={"name": "cabinet office", "organisation_type": "central"})
    assert result.status_code == 400 and message(result) == {"name": ["Organisation name already exists"]}
    result = admin.post("/organisations", json={"name": "X", "organisation_type": "club"})
    assert result.status_code == 400 and "organisation_type" in message(result)
    result = admin.post("/organisations", json={"organisation_type": "central"})
    assert message(result) == {"name": ["Missing data for required field."]}
    result = admin.post("/organisations", json={"name": "Y", "organisation_type": "central",
                                                "domains": ["cabinet-office.gov.uk"]})
    assert result.status_code == 400 and "domains" in message(result)
    assert len(admin.get("/organisations").json) == 1


def test_update_agreement_and_billing(admin: AdminClient, org: dict[str, Any], owner: dict[str, Any]) -> None:
    changes = {"agreement_signed": True, "agreement_signed_at": "2026-06-01T10:00:00.000000Z",
               "agreement_signed_by_id": owner["id"], "agreement_signed_version": 3.0,
               "agreement_signed_on_behalf_of_name": "Jo", "agreement_signed_on_behalf_of_email_address": "jo@x.gov.uk",
               "billing_contact_email_addresses": "bills@x.gov.uk", "billing_contact_names": "Bills",
               "billing_reference": "REF", "purchase_order_number": "PO1", "notes": "n", "name": "CO"}
    result = admin.post(f"/organisations/{org['id']}", json=changes)
    assert result.status_code == 204
    data = admin.get(f"/organisations/{org['id']}").json
    for key, value in changes.items():
        assert data[key] == value, key
    assert data["updated_at"] is not None


@pytest.mark.parametrize("fields, field", [
    ({"agreement_signed_by_id": UNKNOWN_ID}, "agreement_signed_by_id"),
    ({"email_branding_id": UNKNOWN_ID}, "email_branding_id"),
    ({"letter_branding_id": UNKNOWN_ID}, "letter_branding_id"),
    ({"agreement_signed": "yes please"}, "agreement_signed"),
    ({"agreement_signed_at": "yesterday"}, "agreement_signed_at"),
    ({"colour": "red"}, "colour"),
])
def test_bad_updates_name_the_field(admin: AdminClient, org: dict[str, Any], fields: dict[str, Any],
                                    field: str) -> None:
    result = admin.post(f"/organisations/{org['id']}", json=fields)
    assert result.status_code == 400 and field in message(result)
    assert admin.get(f"/organisations/{org['id']}").json == org


def test_branding_can_be_set_on_an_organisation(admin: AdminClient, org: dict[str, Any]) -> None:
    brand = admin.post("/email-branding", json={"name": "Blue", "colour": "#0000ff"}).json["data"]
    assert admin.post(f"/organisations/{org['id']}", json={"email_branding_id": brand["id"]}).status_code == 204
    assert admin.get(f"/organisations/{org['id']}").json["email_branding_id"] == brand["id"]


def test_unknown_organisation_is_404(admin: AdminClient) -> None:
    assert admin.get(f"/organisations/{UNKNOWN_ID}").status_code == 404
    assert admin.post(f"/organisations/{UNKNOWN_ID}", json={"name": "x"}).status_code == 404
    assert admin.get(f"/organisations/{UNKNOWN_ID}/services").status_code == 404
    assert admin.get("/organisations/nope").status_code == 400


def test_list_is_a_bare_list(admin: AdminClient, org: dict[str, Any]) -> None:
    listed = admin.get("/organisations").json
    assert [o["id"] for o in listed] == [org["id"]]


def test_linking_a_service(admin: AdminClient, org: dict[str, Any], owner: dict[str, Any]) -> None:
    service = admin.post("/service", json={"name": "S", "user_id": owner["id"]}).json["data"]
    result = admin.post(f"/organisations/{org['id']}/service", json={"service_id": service["id"]})
    assert result.status_code == 204
    assert admin.get(f"/organisations/{org['id']}/services").json == [
        {"id": service["id"], "name": "S", "active": True, "restricted": True}]
    data = admin.get(f"/service/{service['id']}").json["data"]
    assert data["organisation"] == org["id"] and data["organisation_type"] == "central"
    assert data["version"] == 2


def test_linking_errors(admin: AdminClient, org: dict[str, Any]) -> None:
    result = admin.post(f"/organisations/{org['id']}/service", json={"service_id": UNKNOWN_ID})
    assert result.status_code == 400 and "service_id" in message(result)
    result = admin.post(f"/organisations/{org['id']}/service", json={})
    assert message(result) == {"service_id": ["Missing data for required field."]}
    assert admin.post(f"/organisations/{UNKNOWN_ID}/service", json={"service_id": UNKNOWN_ID}).status_code == 404


def test_members(admin: AdminClient, org: dict[str, Any], owner: dict[str, Any]) -> None:
    result = admin.post(f"/organisations/{org['id']}/users/{owner['id']}")
    assert result.status_code == 200 and result.json["data"]["id"] == owner["id"]
    assert [u["id"] for u in admin.get(f"/organisations/{org['id']}/users").json["data"]] == [owner["id"]]
    assert admin.delete(f"/organisations/{org['id']}/users/{owner['id']}").status_code == 204
    assert admin.get(f"/organisations/{org['id']}/users").json["data"] == []
    assert admin.delete(f"/organisations/{org['id']}/users/{owner['id']}").status_code == 404
    assert admin.post(f"/organisations/{org['id']}/users/{UNKNOWN_ID}").status_code == 404


def test_found_by_email_domain_most_specific_first(admin: AdminClient, org: dict[str, Any]) -> None:
    team = admin.post("/organisations", json={"name": "CO Digital", "organisation_type": "central",
                                              "domains": ["digital.cabinet-office.gov.uk"]}).json
    assert admin.get("/organisations/by-domain?domain=cabinet-office.gov.uk").json["id"] == org["id"]
    assert admin.get("/organisations/by-domain?domain=Press.Cabinet-Office.gov.uk").json["id"] == org["id"]
    assert admin.get("/organisations/by-domain?domain=a.digital.cabinet-office.gov.uk").json["id"] == team["id"]
    assert admin.get("/organisations/by-domain?domain=office.gov.uk").status_code == 404
    assert admin.get("/organisations/by-domain?domain=notcabinet-office.gov.uk").status_code == 404
    assert admin.get("/organisations/by-domain?domain=jo@cabinet-office.gov.uk").status_code == 400
    assert admin.get("/organisations/by-domain").status_code == 400


def test_search_by_part_of_the_name(admin: AdminClient, org: dict[str, Any]) -> None:
    admin.post("/organisations", json={"name": "Home Office", "organisation_type": "central"})
    found = admin.get("/organisations/search?name=OFFICE").json["data"]
    assert [o["name"] for o in found] == ["Cabinet Office", "Home Office"]
    assert admin.get("/organisations/search?name=cab").json["data"][0]["id"] == org["id"]
    assert admin.get("/organisations/search?name=zzz").json["data"] == []
    result = admin.get("/organisations/search")
    assert result.status_code == 400 and message(result) == {"name": ["Missing data for required field."]}


def test_archive(admin: AdminClient, org: dict[str, Any], owner: dict[str, Any]) -> None:
    service = admin.post("/service", json={"name": "S", "user_id": owner["id"]}).json["data"]
    admin.post(f"/organisations/{org['id']}/service", json={"service_id": service["id"]})
    result = admin.post(f"/organisations/{org['id']}/archive")
    assert result.status_code == 400 and message(result) == "Cannot archive an organisation with active services"
    admin.post(f"/service/{service['id']}/archive")
    assert admin.get(f"/service/{service['id']}").json["data"]["active"] is False
    admin.post(f"/organisations/{org['id']}/users/{owner['id']}")
    result = admin.post(f"/organisations/{org['id']}/archive")
    assert result.status_code == 400 and "team members" in message(result)
    admin.delete(f"/organisations/{org['id']}/users/{owner['id']}")
    assert admin.post(f"/organisations/{org['id']}/archive").status_code == 204
    archived = admin.get(f"/organisations/{org['id']}").json
    assert archived["active"] is False and archived["domains"] == []
    assert archived["name"].startswith("_archived_") and archived["name"].endswith("_Cabinet Office")
    assert admin.post(f"/organisations/{org['id']}/archive").status_code == 204
    assert admin.get("/organisations/by-domain?domain=cabinet-office.gov.uk").status_code == 404
    again = admin.post("/organisations", json={"name": "Cabinet Office", "organisation_type": "central",
                                               "domains": ["cabinet-office.gov.uk"]})
    assert again.status_code == 201
    assert admin.post(f"/organisations/{UNKNOWN_ID}/archive").status_code == 404
