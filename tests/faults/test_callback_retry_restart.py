"""A callback retry outlives `notify serve`: the service's endpoint answers 500, the server is killed (kill -9)
while the retry waits, and the server started again makes it once it is due. Nothing is posted a third time.

The service's endpoint is a real HTTPS server on 127.0.0.1 with a certificate made for the test (trusted by
the servers through SSL_CERT_FILE); retries 3 s apart, sweeps every second."""

from __future__ import annotations

import signal
import ssl
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import admin_client, start_server, stop_server
from tests.v2.test_status_callbacks import ServiceEndpoint, _certificate

from .crash import own_database
from .load import provision

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

SECRET_KEY = "callback-restart-key-0123456789abcdefghijklmnop"
TOKEN = "the-services-own-bearer-token"


def test_a_callback_retry_pending_when_the_server_is_killed_is_made_by_the_next_one(tmp_path: Path) -> None:
    cert_file, key_file = _certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    endpoint = ServiceEndpoint(context)
    threading.Thread(target=endpoint.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    endpoint.answers = [500]
    with own_database() as database:
        env = {"NOTIFY_DATABASE_URL": database, "NOTIFY_SECRET_KEY": SECRET_KEY, "SSL_CERT_FILE": str(cert_file),
               "NOTIFY_CALLBACK_RETRY_DELAY": "3", "NOTIFY_FAKE_RECEIPT_DELAY_MS": "0",
               "NOTIFY_SWEEP_INTERVAL": "1", "NOTIFY_CLAIM_TIMEOUT": "1",
               "NOTIFY_UPLOAD_DIR": str(tmp_path / "uploads")}
        for name in ("first", "second"):
            (tmp_path / name).mkdir()
        first = start_server(tmp_path / "first", env)
        second = None
        try:
            sender = provision(first)
            owner = admin_client(first).get(f"/service/{sender.service_id}")["data"]["created_by"]
            admin_client(first).post(f"/service/{sender.service_id}/callback-api", data={
                "url": endpoint.url, "bearer_token": TOKEN, "updated_by_id": owner,
                "callback_type": "delivery_status"})
            with requests.Session() as session:
                sent = sender.send_sms(session)
            assert sent.status_code == 201, sent.text
            assert len(endpoint.wait_for(1)) == 1  # answered 500: the retry is scheduled for 3 s later
            time.sleep(0.5)
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(timeout=10)

            second = start_server(tmp_path / "second", env)
            received = endpoint.wait_for(2, timeout=20)
            assert len(received) == 2, (tmp_path / "second" / "server.log").read_text()[-3000:]
            assert [r["body"]["id"] for r in received] == [sent.json()["id"]] * 2
            assert received[1]["body"]["status"] == "delivered"
            assert received[1]["headers"]["Authorization"] == f"Bearer {TOKEN}"
            time.sleep(3)
            assert len(endpoint.received) == 2  # made once, then forgotten
        finally:
            if second is not None:
                stop_server(second)
            if first.process.poll() is None:
                first.process.kill()
            endpoint.shutdown()
            endpoint.server_close()
