"""A service set up through the admin API with everything Notify's clients can use: every channel, files by
email, a letter contact block and a received text message."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from attrs import frozen

from .conftest import LiveService, Server, admin_client, provision_live_service, start_server, stop_server

INBOUND_NUMBER = "07700900111"
PROVIDER_TOKEN = "e2e-provider-callback-token-0123456789"
ADDRESS = {"address_line_1": "The Occupier", "address_line_2": "1 High Street", "postcode": "SW1A 1AA"}


@frozen
class ClientWorld:
    live: LiveService
    contact_block: str
    received_text: str


def provision_client_world(server: Server, name: str) -> ClientWorld:
    live = provision_live_service(server, name)
    admin = admin_client(server)
    sid = live.service_id
    admin.post(f"/service/{sid}", data={
        "permissions": ["sms", "email", "letter", "international_sms", "upload_document", "inbound_sms"],
        "contact_link": "https://example.gov.uk/contact"})
    contact_block = "Tax Office\nPO Box 1\nLS1 1AA"
    admin.post(f"/service/{sid}/letter-contact", data={"contact_block": contact_block, "is_default": True})
    admin.post(f"/service/{sid}/sms-sender", data={"sms_sender": INBOUND_NUMBER, "is_default": False})
    text = f"Hello from {name}"
    request = urllib.request.Request(
        f"{server.base_url}/notifications/sms/receive/fake", method="POST",
        data=json.dumps({"source": "07700900222", "destination": "447700900111", "message": text,
                         "id": f"ref-{name}"}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {PROVIDER_TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    return ClientWorld(live, contact_block, text)


@pytest.fixture(scope="module")
def client_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose fake providers' callbacks carry PROVIDER_TOKEN (the inbound text above is one)."""
    running = start_server(tmp_path_factory.mktemp("notify-clients"), {"NOTIFY_PROVIDER_CALLBACK_TOKEN": PROVIDER_TOKEN})
    yield running
    stop_server(running)
