"""Admin API-key endpoints: create (secret once), list (never the secret), get one, revoke (at once)."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest
import jwt

from ..conftest import AdminClient
from ..fakes import FrozenClock

UNKNOWN_ID = str(uuid4())


def create(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any], **fields: Any) -> Any:
    return admin.post(f"/service/{service['id']}/api-key",
                      json={"name": "Live key", "key_type": "normal", "created_by": owner["id"], **fields})


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


def public_get(admin: AdminClient, service_id: str, secret: str, path: str = "/v2/templates") -> Any:
    """A public-API call signed as the official client signs (iss = service id, HS256), at the app's time."""
    now = admin._clock.now().timestamp()
    token = jwt.encode({"iss": service_id, "iat": int(now)}, secret, algorithm="HS256")
    return admin.raw.simulate_get(path, headers={"Authorization": f"Bearer {token}"})


def test_creating_a_key_returns_its_secret_once(admin: AdminClient, service: dict[str, Any],
                                                owner: dict[str, Any]) -> None:
    result = create(admin, service, owner)
    assert result.status_code == 201
    secret = result.json["data"]
    assert len(secret) == 36
    listed = admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"]
    assert len(listed) == 1
    assert secret not in str(listed)
    assert listed[0]["name"] == "Live key" and listed[0]["key_type"] == "normal"
    assert listed[0]["version"] == 1 and listed[0]["expiry_date"] is None
    assert listed[0]["created_by"] == owner["id"]


def test_the_combined_key_works_with_the_official_clients_parsing(admin: AdminClient, service: dict[str, Any],
                                                                  owner: dict[str, Any]) -> None:
    secret = create(admin, service, owner).json["data"]
    combined = f"Live key-{service['id']}-{secret}"
    service_id, secret = combined[-73:-37], combined[-36:]
    assert service_id == service["id"]
    assert public_get(admin, service_id, secret).status_code == 200


@pytest.mark.parametrize("key_type", ["normal", "team", "test"])
def test_every_key_type_can_be_created(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                       key_type: str) -> None:
    assert create(admin, service, owner, key_type=key_type).status_code == 201
    assert admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]["key_type"] == key_type


@pytest.mark.parametrize("fields, field", [
    ({"key_type": "admin"}, "key_type"),
    ({"name": ""}, "name"),
    ({"created_by": "nope"}, "created_by"),
    ({"created_by": UNKNOWN_ID}, "created_by"),
    ({"secret": "mine"}, "secret"),
])
def test_bad_input_is_a_400_naming_the_field(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                             fields: dict[str, Any], field: str) -> None:
    result = create(admin, service, owner, **fields)
    assert result.status_code == 400
    assert field in message(result)
    assert admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"] == []


@pytest.mark.parametrize("missing", ["name", "key_type", "created_by"])
def test_every_field_is_required(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                 missing: str) -> None:
    body = {"name": "k", "key_type": "normal", "created_by": owner["id"]}
    del body[missing]
    result = admin.post(f"/service/{service['id']}/api-key", json=body)
    assert result.status_code == 400
    assert message(result) == {missing: ["Missing data for required field."]}


def test_live_key_names_are_unique_per_service(admin: AdminClient, service: dict[str, Any],
                                               owner: dict[str, Any]) -> None:
    first = create(admin, service, owner)
    result = create(admin, service, owner)
    assert result.status_code == 400 and "name" in message(result)
    key_id = admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]["id"]
    admin.post(f"/service/{service['id']}/api-key/revoke/{key_id}")
    assert create(admin, service, owner).status_code == 201  # a revoked key's name is free again
    assert first.status_code == 201


def test_unknown_service_is_404(admin: AdminClient, owner: dict[str, Any]) -> None:
    assert create(admin, {"id": UNKNOWN_ID}, owner).status_code == 404
    assert admin.get(f"/service/{UNKNOWN_ID}/api-keys").status_code == 404
    assert admin.post(f"/service/{UNKNOWN_ID}/api-key/revoke/{UNKNOWN_ID}").status_code == 404


def test_get_one_key(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> None:
    create(admin, service, owner)
    key = admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]
    result = admin.get(f"/service/{service['id']}/api-keys/{key['id']}")
    assert result.status_code == 200 and result.json["apiKeys"] == [key]
    missing = admin.get(f"/service/{service['id']}/api-keys/{UNKNOWN_ID}")
    assert missing.status_code == 404
    assert message(missing) == f"API key not found for id: {service['id']}"


def test_revoking_sets_expiry_bumps_the_version_and_stops_the_key_at_once(
        admin: AdminClient, service: dict[str, Any], owner: dict[str, Any], clock: FrozenClock) -> None:
    secret = create(admin, service, owner).json["data"]
    assert public_get(admin, service["id"], secret).status_code == 200  # also warms the auth cache
    key_id = admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]["id"]
    result = admin.post(f"/service/{service['id']}/api-key/revoke/{key_id}", json={"created_by": owner["id"]})
    assert result.status_code == 202
    assert result.text == "null"
    listed = admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]
    assert listed["expiry_date"] is not None and listed["version"] == 2
    refused = public_get(admin, service["id"], secret)
    assert refused.status_code == 403
    assert refused.json["errors"][0]["message"] == "Invalid token: API key revoked"
    assert admin.get(f"/service/{service['id']}/api-keys/{key_id}").status_code == 404
    history = admin.get(f"/service/{service['id']}/history").json["data"]["api_key_history"]
    assert sorted(h["version"] for h in history) == [1, 2]


def test_revoking_twice_writes_no_new_version(admin: AdminClient, service: dict[str, Any],
                                              owner: dict[str, Any]) -> None:
    create(admin, service, owner)
    key_id = admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]["id"]
    admin.post(f"/service/{service['id']}/api-key/revoke/{key_id}")
    assert admin.post(f"/service/{service['id']}/api-key/revoke/{key_id}").status_code == 202
    assert admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]["version"] == 2


def test_revoked_keys_leave_the_list_after_seven_days(admin: AdminClient, service: dict[str, Any],
                                                      owner: dict[str, Any], clock: FrozenClock) -> None:
    create(admin, service, owner)
    key_id = admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"][0]["id"]
    admin.post(f"/service/{service['id']}/api-key/revoke/{key_id}")
    clock.advance(days=6)
    assert len(admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"]) == 1
    clock.advance(days=2)
    assert admin.get(f"/service/{service['id']}/api-keys").json["apiKeys"] == []


def test_revoke_errors(admin: AdminClient, service: dict[str, Any]) -> None:
    assert admin.post(f"/service/{service['id']}/api-key/revoke/{UNKNOWN_ID}").status_code == 404
    assert admin.post(f"/service/{service['id']}/api-key/revoke/bad").status_code == 400
    result = admin.post(f"/service/{service['id']}/api-key/revoke/{UNKNOWN_ID}", json={"created_by": 5})
    assert result.status_code == 400 and "created_by" in message(result)


def test_api_key_endpoints_need_an_admin_token(admin: AdminClient, service: dict[str, Any]) -> None:
    assert admin.raw.simulate_get(f"/service/{service['id']}/api-keys").status_code == 401
    assert admin.raw.simulate_post(f"/service/{service['id']}/api-key", json={},
                                   headers={"Authorization": "Bearer x.y.z"}).status_code == 403
