"""A member's permissions in an organisation through the admin API, on every store."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from ..conftest import AdminClient

LIVE = {"permissions": [{"permission": "can_make_services_live"}]}


def test_permissions_are_replaced_for_members_only(admin: AdminClient, owner: dict[str, Any]) -> None:
    org = admin.post("/organisations", json={"name": "Org", "organisation_type": "central"}).json
    path = f"/user/{owner['id']}/organisation/{org['id']}/permissions"
    assert admin.post(path, json=LIVE).status_code == 404  # not a member yet
    admin.post(f"/organisations/{org['id']}/users/{owner['id']}", json={})
    assert admin.post(path, json=LIVE).status_code == 204
    data = admin.get(f"/user/{owner['id']}").json["data"]
    assert data["organisation_permissions"] == {org["id"]: ["can_make_services_live"]}
    assert admin.post(path, json={"permissions": []}).status_code == 204
    assert admin.get(f"/user/{owner['id']}").json["data"]["organisation_permissions"] == {org["id"]: []}
    bad = admin.post(path, json={"permissions": [{"permission": "fly"}]})
    assert bad.status_code == 400 and "permissions" in bad.json["message"]
    assert admin.post(f"/user/{owner['id']}/organisation/{uuid4()}/permissions", json=LIVE).status_code == 404
    assert admin.post(f"/user/{uuid4()}/organisation/{org['id']}/permissions", json=LIVE).status_code == 404
