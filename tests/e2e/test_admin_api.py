"""The seed's admin endpoints through a real server and Notify's own client library."""

from __future__ import annotations

from pathlib import Path

import pytest
from notifications_python_client.base import BaseAPIClient
from notifications_python_client.errors import HTTPError

from .conftest import Server, admin_client, start_server, stop_server

pytestmark = pytest.mark.e2e


@pytest.fixture
def client(server: Server) -> BaseAPIClient:
    return admin_client(server)


def test_admin_app_manages_a_service_end_to_end(client: BaseAPIClient) -> None:
    user = client.post("/user", data={"name": "Ada", "email_address": "ada.e2e@example.gov.uk",
                                      "password": "a long enough password"})["data"]
    colleague = client.post("/user", data={"name": "Bob", "email_address": "bob.e2e@example.gov.uk",
                                           "password": "another long password"})["data"]
    service = client.post("/service", data={"name": "E2E service", "user_id": user["id"]})["data"]
    sid = service["id"]
    assert service["version"] == 1 and service["active"] is True

    updated = client.post(f"/service/{sid}", data={"name": "E2E service renamed", "restricted": False})["data"]
    assert updated["version"] == 2 and updated["restricted"] is False
    assert client.get(f"/service/{sid}")["data"]["name"] == "E2E service renamed"
    assert [s["id"] for s in client.get("/service/find-services-by-name",
                                        params={"service_name": "renamed"})["data"]] == [sid]

    client.post(f"/service/{sid}/users/{colleague['id']}",
                data={"permissions": [{"permission": "send_texts"}], "folder_permissions": []})
    assert {u["id"] for u in client.get(f"/service/{sid}/users")["data"]} == {user["id"], colleague["id"]}
    client.delete(f"/service/{sid}/users/{colleague['id']}")
    assert [u["id"] for u in client.get(f"/service/{sid}/users")["data"]] == [user["id"]]

    client.put(f"/service/{sid}/guest-list", data={"email_addresses": ["guest@example.com"],
                                                   "phone_numbers": ["07700 900123"]})
    assert client.get(f"/service/{sid}/guest-list") == {"email_addresses": ["guest@example.com"],
                                                        "phone_numbers": ["07700 900123"]}

    stats = client.get(f"/service/{sid}/statistics")["data"]
    assert stats["sms"] == {"requested": 0, "delivered": 0, "failed": 0}
    monthly = client.get(f"/service/{sid}/notifications/monthly", params={"year": 2025})["data"]
    assert list(monthly) == [f"2025-{m:02d}" for m in range(4, 13)] + [f"2026-{m:02d}" for m in range(1, 4)]

    client.post(f"/service/{sid}/archive", data=None)
    history = client.get(f"/service/{sid}/history")["data"]["service_history"]
    assert [h["version"] for h in history] == [1, 2, 3]
    assert client.get(f"/service/{sid}")["data"]["active"] is False
    assert sid not in [s["id"] for s in client.get("/service", params={"only_active": "true"})["data"]]


def test_errors_reach_the_client_in_notify_format(client: BaseAPIClient) -> None:
    with pytest.raises(HTTPError) as missing:
        client.get("/service/8b1b4b5e-1c3c-4f4e-9b55-6b1e5f0a9d11")
    assert missing.value.status_code == 404
    assert missing.value.message == "No result found"

    with pytest.raises(HTTPError) as bad:
        client.post("/service", data={"name": "No owner"})
    assert bad.value.status_code == 400
    assert bad.value.message == {"user_id": ["Missing data for required field."]}


def test_a_wrongly_signed_admin_request_is_refused(server: Server) -> None:
    impostor = admin_client(server, secret="not-the-admin-secret-0123456789abcdef")
    with pytest.raises(HTTPError) as refused:
        impostor.get("/service")
    assert refused.value.status_code == 403
    assert refused.value.message == {"token": ["Invalid token: API key not found"]}


def test_serve_prints_a_generated_admin_secret_once_and_accepts_it(tmp_path: Path) -> None:
    running = start_server(tmp_path, extra_env={"NOTIFY_ADMIN_CLIENT_SECRET": ""})
    try:
        printed = [line for line in running.log.read_text().splitlines()
                   if line.startswith("NOTIFY_ADMIN_CLIENT_SECRET=")]
        assert len(printed) == 1
        secret = printed[0].partition("=")[2]
        assert len(secret) >= 32
        assert admin_client(running, secret=secret).get("/service") == {"data": []}
    finally:
        stop_server(running)


def test_a_running_server_lists_a_provider_for_each_channel(client: BaseAPIClient) -> None:
    providers = client.get("/provider-details")["provider_details"]
    assert {(p["identifier"], p["notification_type"], p["active"]) for p in providers} >= {
        ("fake-sms", "sms", True), ("fake-email", "email", True), ("fake-letter", "letter", True)}
