"""A real `notify serve` configured with real providers by its environment: email to an SMTP server over
STARTTLS with AUTH, SMS to an HTTP gateway that posts a signed receipt back; the official client reads the
statuses. The process says which providers are active when it starts."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from notifications_python_client.notifications import NotificationsAPIClient

from ..providers.servers import (SMTP_PASSWORD, SMTP_USER, HttpCall, HttpServer, SmtpServer, json_answer,
                                 make_certificate, post_bytes)
from ..providers.test_http_gateway import sign
from .conftest import Server, provision_live_service, start_server, stop_server

pytestmark = pytest.mark.e2e

SECRET = "e2e-gateway-secret"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("real-providers")
    certificate = make_certificate(folder)
    smtp = SmtpServer(certificate).start()
    texts: list[HttpCall] = []

    def gateway_answer(call: HttpCall) -> tuple[int, dict[str, str], bytes]:
        texts.append(call)
        return json_answer(200, {"id": f"gw-{len(texts)}"})

    gateway = HttpServer(gateway_answer).start()
    server = start_server(folder, {
        "NOTIFY_SMTP_URL": f"smtp://{SMTP_USER}:{quote(SMTP_PASSWORD, safe='')}@localhost:{smtp.port}"
                           "?starttls=required&from=notify@example.org",
        "SSL_CERT_FILE": str(certificate.cert_file),  # the test certificate is the only one trusted
        "NOTIFY_SMS_GATEWAY_URL": f"{gateway.url}/send", "NOTIFY_SMS_GATEWAY_SECRET": SECRET,
    })
    try:
        yield {"server": server, "smtp": smtp, "texts": texts}
    finally:
        stop_server(server)
        gateway.stop()
        smtp.stop()


def wait_for(client: NotificationsAPIClient, notification_id: str, status: str) -> str:
    deadline = time.monotonic() + 15
    while True:
        found: str = client.get_notification_by_id(notification_id)["status"]
        if found == status or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_serve_names_its_providers_and_delivers_through_them(world: dict[str, Any]) -> None:
    server: Server = world["server"]
    log = Path(server.log).read_text()
    assert "notify: providers: sms: sms-gateway (127.0.0.1); email: smtp (localhost); letter: fake-letter" in log
    assert SMTP_PASSWORD not in log and SECRET not in log

    live = provision_live_service(server, "Real")
    client = NotificationsAPIClient(live.api_key(), base_url=server.base_url)
    email = client.send_email_notification("ada@example.com", live.templates["email"],
                                           personalisation={"name": "Ada"})
    deadline = time.monotonic() + 15
    while not world["smtp"].recorder.to("ada@example.com") and time.monotonic() < deadline:
        time.sleep(0.1)
    (received,) = world["smtp"].recorder.to("ada@example.com")
    assert received.message["Subject"] == "Hi Ada" and received.mail_from == "notify@example.org"
    assert "Dear Ada" in received.part("plain") and "Dear Ada" in received.part("html")
    assert wait_for(client, email["id"], "sending") == "sending"

    sms = client.send_sms_notification("07700900123", live.templates["sms"], personalisation={"name": "Ada"})
    deadline = time.monotonic() + 15
    while not world["texts"] and time.monotonic() < deadline:
        time.sleep(0.1)
    (text,) = world["texts"]
    assert text.json()["reference"] == sms["id"] and text.json()["content"].endswith("Hello Ada")
    body = json.dumps({"reference": sms["id"], "status": "delivered"}).encode()
    url = f"{server.base_url}/provider-callbacks/sms-gateway"
    assert post_bytes(url, body, {"Content-Type": "application/json"})[0] == 401
    assert post_bytes(url, body, sign(SECRET, int(time.time()), body))[0] == 200
    assert wait_for(client, sms["id"], "delivered") == "delivered"
