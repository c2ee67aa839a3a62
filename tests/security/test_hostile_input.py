"""Bad and hostile input gets a clear 4xx in Notify's error format, never a 5xx, on the in-memory store and on
PostgreSQL (where NUL bytes and out-of-range integers would otherwise reach the database). The body size cap
is configuration (NOTIFY_MAX_BODY_BYTES). Secrets are returned once and never logged; personalisation is
never logged."""

from __future__ import annotations

import json
import logging
from uuid import uuid4

import falcon.testing
import pytest

from notify.config import Settings
from notify.domain.constants import KeyType
from notify.entrypoints.http import create_app

from ..conftest import AdminClient
from ..v2.conftest import World

pytestmark = pytest.mark.parametrize(
    "new_uow", ["memory", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)

JSON = {"Content-Type": "application/json"}


def _v2_error(result: falcon.testing.Result) -> str:
    assert 400 <= result.status_code < 500, result.text
    assert result.json["status_code"] == result.status_code
    return str(result.json["errors"][0]["message"])


def _admin_error(result: falcon.testing.Result) -> object:
    assert 400 <= result.status_code < 500, result.text
    assert result.json["result"] == "error"
    return result.json["message"]


def test_deep_nesting_invalid_utf8_and_nul_bytes_are_400(world: World) -> None:
    api, admin = world.client(), AdminClient(world.app, world.clock)
    deep = b"[" * 100_000 + b"]" * 100_000
    sms = {"phone_number": "07700900555", "template_id": str(world.sms.id)}
    assert _v2_error(api.post("/v2/notifications/sms", body=deep, headers=JSON)) == "Invalid JSON supplied in POST data"
    assert _admin_error(admin.post("/service", body=deep, headers=JSON)) == "Invalid JSON supplied in POST data"
    nested = json.dumps({**sms, "personalisation": {"name": "x"}}).replace('"x"', "[" * 5000 + "]" * 5000)
    assert _v2_error(api.post("/v2/notifications/sms", body=nested.encode(), headers=JSON))
    assert _v2_error(api.post("/v2/notifications/sms", body=b'{"phone_number": "\xff\xfe"}', headers=JSON))
    assert _admin_error(admin.post("/service", body=b'{"name": "\xff"}', headers=JSON))
    assert "NUL" in _v2_error(api.post("/v2/notifications/sms", json={**sms, "reference": "a\x00b"}))
    assert "NUL" in str(_admin_error(admin.post(f"/service/{world.service.id}", json={"name": "a\x00b"})))
    assert _admin_error(admin.get("/service/find-services-by-name", query_string="service_name=a%00b"))
    assert _v2_error(api.get("/v2/notifications", query_string="reference=a%00b"))


def test_unpaired_surrogates_are_400_wherever_they_are(world: World) -> None:
    """`\\ud800` alone is valid JSON but no UTF-8 text: it must not reach the store (it did: a 500)."""
    api, admin = world.client(), AdminClient(world.app, world.clock)
    sms = {"phone_number": "07700900555", "template_id": str(world.sms.id)}
    for body in (json.dumps({**sms, "reference": "a\ud800b"}), json.dumps({**sms, "personalisation": {"\udfff": "x"}}),
                 json.dumps({**sms, "personalisation": {"name": ["ok", "\ud83d"]}})):
        assert "surrogate" in _v2_error(api.post("/v2/notifications/sms", body=body.encode(), headers=JSON))
    raw = b'{"phone_number": "07700900555", "template_id": "%s", "reference": "\xed\xa0\x80"}' % str(world.sms.id).encode()
    assert _v2_error(api.post("/v2/notifications/sms", body=raw, headers=JSON))
    assert "surrogate" in str(_admin_error(admin.post(f"/service/{world.service.id}",
                                                      body=b'{"name": "a\\udc00"}', headers=JSON)))
    paired = api.post("/v2/notifications/sms", json={**sms, "reference": "emoji \U0001f600 ok",
                                                     "personalisation": {"name": "Jo"}})
    assert paired.status_code == 201, paired.text
    listed = api.get("/v2/notifications", query_string="reference=%ED%A0%80")  # not UTF-8: read as no match
    assert listed.status_code == 200 and listed.json["notifications"] == [], listed.text


def test_oversized_fields_and_numbers_are_400(world: World) -> None:
    api, admin = world.client(), AdminClient(world.app, world.clock)
    sid = world.service.id
    assert _admin_error(admin.post(f"/service/{sid}", json={"rate_limit": 10**26})) == {
        "rate_limit": ["Must be less than or equal to 2147483647."]}
    assert _admin_error(admin.post(f"/service/{sid}", json={"name": "x" * 1_000_000})) == {
        "name": ["Longer than maximum length 255."]}
    assert _admin_error(admin.post(f"/service/{sid}", body=b'{"rate_limit": 1e999999}', headers=JSON))
    assert "too long" in _v2_error(api.post("/v2/notifications/sms", json={
        "phone_number": "07700900555", "template_id": str(world.sms.id), "reference": "r" * 1001}))
    assert _v2_error(api.post("/v2/notifications/sms", json={
        "phone_number": "0" * 100_000, "template_id": str(world.sms.id), "personalisation": {"name": "x"}}))
    long = api.post("/v2/notifications/sms", json={"phone_number": "07700900555", "template_id": str(world.sms.id),
                                                   "personalisation": {"name": "x" * 1_000_000}})
    assert _v2_error(long).startswith("Your message is too long")


def test_sql_and_header_injection_change_nothing(world: World) -> None:
    api, admin = world.client(), AdminClient(world.app, world.clock)
    for attack in ("' OR 1=1 --", "'; DROP TABLE services; --", "%' OR name LIKE '%"):
        found = admin.get("/service/find-services-by-name", params={"service_name": attack})
        assert found.status_code == 200 and found.json["data"] == []
        assert api.get("/v2/notifications", params={"reference": attack}).json["notifications"] == []
        assert _admin_error(admin.get(f"/service/{attack}"))
    assert admin.get(f"/service/{world.service.id}").status_code == 200  # the table is still there
    for header in ("Bearer x\r\nX-Injected: 1", "Bearer " + "A" * 100_000, "Bearer \x00"):
        result = falcon.testing.TestClient(world.app).simulate_get("/v2/notifications",
                                                                   headers={"Authorization": header})
        assert result.status_code in (401, 403) and "X-Injected" not in result.headers
    result = api.get("/v2/notifications", params={"reference": "x\r\nSet-Cookie: a=b"})
    assert result.status_code == 200 and "set-cookie" not in {k.lower() for k in result.headers}


def test_the_body_size_cap_is_configuration_and_answers_413(world: World) -> None:
    assert Settings.from_env({}).max_body_bytes == 10 * 1024 * 1024
    assert Settings.from_env({"NOTIFY_MAX_BODY_BYTES": "2048"}).max_body_bytes == 2048
    world.app = create_app(world.notify, max_body_bytes=2048)
    api, admin = world.client(), AdminClient(world.app, world.clock)
    big = {"phone_number": "07700900555", "template_id": str(world.sms.id), "personalisation": {"name": "x" * 4096}}
    result = api.post("/v2/notifications/sms", json=big)
    assert result.status_code == 413
    assert result.json == {"status_code": 413, "errors": [
        {"error": "PayloadTooLargeError", "message": "Request body must not be larger than 2048 bytes"}]}
    result = admin.post("/service", json={"name": "x" * 4096})
    assert (result.status_code, result.json) == (413, {"result": "error",
                                                       "message": "Request body must not be larger than 2048 bytes"})
    assert api.post("/v2/notifications/sms", json={**big, "personalisation": {"name": "ok"}}).status_code == 201


def test_secrets_are_returned_once_and_nothing_secret_is_logged(world: World,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    admin, api = AdminClient(world.app, world.clock), world.client()
    created = admin.post(f"/service/{world.service.id}/api-key",
                         json={"name": "k", "key_type": "normal", "created_by": str(world.user.id)})
    assert created.status_code == 201
    secret = created.json["data"] if isinstance(created.json["data"], str) else created.json["data"]["key"]
    listed = admin.get(f"/service/{world.service.id}/api-keys")
    assert secret not in listed.text and secret not in admin.get(f"/service/{world.service.id}/history").text
    marker = f"personal-{uuid4()}"
    sent = api.post("/v2/notifications/sms", json={"phone_number": "07700900555", "template_id": str(world.sms.id),
                                                   "personalisation": {"name": marker}})
    assert sent.status_code == 201
    api.post("/v2/notifications/sms", json={"phone_number": "bad", "template_id": str(world.sms.id),
                                            "personalisation": {"name": marker}})
    api.get(f"/v2/notifications/{sent.json['id']}")
    password = "a very secret password 123"
    admin.post("/user", json={"name": "U", "email_address": f"{uuid4().hex}@example.gov.uk", "password": password})
    for forbidden in (secret, world.keys[KeyType.NORMAL].secret, marker, password):
        assert forbidden not in caplog.text
