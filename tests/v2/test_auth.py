"""Service API-key authentication on every /v2 path, with Notify's messages."""

from __future__ import annotations

from uuid import uuid4

import jwt
import pytest

from notify.domain.constants import KeyType
from notify.usecases import services

from .conftest import ApiClient, World, service_token


def call(world: World, headers: dict[str, str]) -> tuple[int, list[dict[str, str]]]:
    result = world.client().raw.simulate_get("/v2/notifications", headers=headers)
    return result.status_code, result.json["errors"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_no_token_is_401(world: World) -> None:
    assert call(world, {}) == (401, [{"error": "AuthError",
                                      "message": "Unauthorized: authentication token must be provided"}])
    assert call(world, {"Authorization": "Basic abc"}) == (
        401, [{"error": "AuthError", "message": "Unauthorized: authentication bearer scheme must be used"}])


def test_the_scheme_is_case_insensitive(world: World) -> None:
    key = world.keys[KeyType.NORMAL]
    token = service_token(key.service_id, key.secret, iat=world.clock.now().timestamp())
    assert world.client().raw.simulate_get("/v2/notifications",
                                           headers={"Authorization": f"bearer {token}"}).status_code == 200


@pytest.mark.parametrize(("make_token", "message"), [
    (lambda w: "not-a-jwt", "Invalid token: make sure your API token matches the example at "
                            "https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header"),
    (lambda w: jwt.encode({"iat": 1}, "x", algorithm="HS256"), "Invalid token: iss field not provided"),
    (lambda w: service_token("not-a-uuid", "x"), "Invalid token: service id is not the right data type"),
    (lambda w: service_token(uuid4(), "x"), "Invalid token: service not found"),
    (lambda w: service_token(w.service.id, "wrong-secret", iat=w.clock.now().timestamp()),
     "Invalid token: API key not found"),
    (lambda w: service_token(w.service.id, w.keys[KeyType.NORMAL].secret, iat=w.clock.now().timestamp() - 31),
     "Error: Your system clock must be accurate to within 30 seconds"),
    (lambda w: service_token(w.service.id, w.keys[KeyType.NORMAL].secret, iat=w.clock.now().timestamp() + 31),
     "Error: Your system clock must be accurate to within 30 seconds"),
])
def test_bad_tokens_are_403_with_notifys_messages(world: World, make_token, message: str) -> None:  # type: ignore[no-untyped-def]
    assert call(world, bearer(make_token(world))) == (403, [{"error": "AuthError", "message": message}])


def test_revoked_key_is_refused_as_revoked_then_not_found(world: World) -> None:
    key = world.keys[KeyType.NORMAL]
    with world.notify.uow() as uow:
        uow.api_keys.update(key.revoke(now=world.clock.now()))
        uow.commit()
    world.notify.cache.clear()
    status, errors = call(world, bearer(service_token(key.service_id, key.secret, iat=world.clock.now().timestamp())))
    assert (status, errors[0]["message"]) == (403, "Invalid token: API key revoked")
    world.clock.advance(days=8)
    world.notify.cache.clear()
    status, errors = call(world, bearer(service_token(key.service_id, key.secret, iat=world.clock.now().timestamp())))
    assert errors[0]["message"] in ("Invalid token: API key not found", "Invalid token: service has no API keys")


def test_archived_service_is_refused(world: World) -> None:
    key = world.keys[KeyType.NORMAL]
    services.archive_service(world.notify, world.service.id)
    world.notify.cache.clear()
    status, errors = call(world, bearer(service_token(key.service_id, key.secret, iat=world.clock.now().timestamp())))
    assert status == 403
    assert errors[0]["message"] in ("Invalid token: service is archived", "Invalid token: API key revoked")


def test_service_and_keys_are_cached_for_two_seconds(world: World) -> None:
    key = world.keys[KeyType.NORMAL]
    api = world.client()
    assert api.get("/v2/notifications").status_code == 200
    with world.notify.uow() as uow:
        uow.api_keys.update(key.revoke(now=world.clock.now()))
        uow.commit()
    assert api.get("/v2/notifications").status_code == 200  # still cached
    world.clock.advance(seconds=3)
    assert api.get("/v2/notifications").json["errors"][0]["message"] == "Invalid token: API key revoked"


def test_an_admin_token_is_not_a_service_key(world: World) -> None:
    from ..conftest import admin_token

    status, errors = call(world, bearer(admin_token(iat=world.clock.now().timestamp())))
    assert (status, errors[0]["message"]) == (403, "Invalid token: service id is not the right data type")


def test_a_service_key_cannot_call_admin_paths(world: World, api: ApiClient) -> None:
    result = api.get(f"/service/{world.service.id}")
    assert result.status_code == 401


def test_a_key_only_reaches_its_own_service(world: World, api: ApiClient) -> None:
    from .conftest import make_world

    other = make_world(world.notify, world.clock)
    sent = other.client().post("/v2/notifications/sms", json={
        "phone_number": "07700900123", "template_id": str(other.sms.id), "personalisation": {"name": "x"}})
    assert sent.status_code == 201
    assert api.get(f"/v2/notifications/{sent.json['id']}").status_code == 404
    assert api.get(f"/v2/template/{other.sms.id}").status_code == 404
    result = api.post("/v2/notifications/sms", json={"phone_number": "07700900123", "template_id": str(other.sms.id),
                                                     "personalisation": {"name": "x"}})
    assert result.json["errors"][0]["message"] == "Template not found"
