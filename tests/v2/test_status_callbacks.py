"""End to end: a service sets a delivery-status callback through the admin API (https, as the API insists),
sends through the public v2 API, and its own HTTPS server (a real one on 127.0.0.1, with a certificate made
for the test) receives Notify's receipt with its bearer token once the provider reports the outcome. A 500
from the service is retried; a 400 is not. The wiring is the composition root's: the urllib sender and the
background runner, only with a fast retry rule and the test certificate trusted."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import attrs
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from notify.adapters.callbacks import BackgroundTaskRunner, UrllibCallbackSender
from notify.domain.callback_api import CallbackRetry
from notify.domain.constants import KeyType
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases.app import Notify

from ..conftest import AdminClient
from ..fakes import PROVIDER_AUTH
from .conftest import Fakes, World, wire

TOKEN = "the-services-own-bearer-token"
RETRIES = 2


class ServiceEndpoint(ThreadingHTTPServer):
    """The service's callback receiver: records each POST, answers the scripted statuses (then 200)."""

    daemon_threads = True

    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), _Receiver)
        self.socket = context.wrap_socket(self.socket, server_side=True)
        self.received: list[dict[str, Any]] = []
        self.answers: list[int] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server_address[1]}/notify/receipts"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.01)
        return list(self.received)


class _Receiver(BaseHTTPRequestHandler):
    server: ServiceEndpoint

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with self.server.lock:
            self.server.received.append({"path": self.path, "headers": dict(self.headers), "body": json.loads(body)})
            status = self.server.answers.pop(0) if self.server.answers else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (cert file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def tls(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server context, client context trusting only the test certificate)."""
    cert_file, key_file = _certificate(tmp_path)
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert_file, key_file)
    return server, ssl.create_default_context(cafile=str(cert_file))


@pytest.fixture
def endpoint(tls: tuple[ssl.SSLContext, ssl.SSLContext]) -> Iterator[ServiceEndpoint]:
    server = ServiceEndpoint(tls[0])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def runner() -> Iterator[BackgroundTaskRunner]:
    tasks = BackgroundTaskRunner("test-callbacks", workers=2)
    yield tasks
    tasks.stop()


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], notify: Notify, fakes: Fakes,
           tls: tuple[ssl.SSLContext, ssl.SSLContext], runner: BackgroundTaskRunner) -> Notify:
    """The v2 suite's wiring plus callbacks as bootstrap wires them (fast retries, the test CA trusted)."""
    return wire(attrs.evolve(notify, callbacks=UrllibCallbackSender(ssl_context=tls[1]), callback_runner=runner,
                             callback_retry=CallbackRetry(max_retries=RETRIES, delay_seconds=0.05)), fakes)


@pytest.fixture
def configured(world: World, endpoint: ServiceEndpoint) -> AdminClient:
    admin = AdminClient(world.app, world.clock)
    created = admin.post(f"/service/{world.service.id}/callback-api",
                         json={"url": endpoint.url, "bearer_token": TOKEN, "updated_by_id": str(world.user.id),
                               "callback_type": "delivery_status"})
    assert created.status_code == 201, created.text
    return admin


def _send(world: World, key_type: KeyType = KeyType.NORMAL, **fields: Any) -> str:
    sent = world.client(key_type).post("/v2/notifications/sms", json={
        "phone_number": "07700 900555", "template_id": str(world.sms.id), "personalisation": {"name": "Ada"},
        **fields})
    assert sent.status_code == 201, sent.text
    return str(sent.json["id"])


def test_a_sent_sms_ends_with_notifys_receipt_posted_to_the_service(
        world: World, fakes: Fakes, endpoint: ServiceEndpoint, configured: AdminClient,
        runner: BackgroundTaskRunner) -> None:
    notification_id = _send(world, reference="invoice-42")
    assert runner.join(5) and endpoint.received == []  # `sending` is not called back
    world.clock.advance(seconds=7)
    assert fakes.flush() == 1  # the provider reports: delivered
    [request] = endpoint.wait_for(1)
    assert request["path"] == "/notify/receipts"
    assert request["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert request["headers"]["Content-Type"] == "application/json"
    shown = world.client().get(f"/v2/notifications/{notification_id}").json
    assert request["body"] == {
        "id": notification_id, "reference": "invoice-42", "to": "07700 900555", "status": "delivered",
        "created_at": shown["created_at"], "completed_at": shown["completed_at"], "sent_at": shown["sent_at"],
        "notification_type": "sms", "template_id": str(world.sms.id), "template_version": 1}
    assert request["body"]["completed_at"] == "2026-06-15T12:00:07.000000Z"


def test_a_receipt_reported_while_the_provider_is_handed_the_message_is_called_back(
        world: World, fakes: Fakes, endpoint: ServiceEndpoint, configured: AdminClient) -> None:
    fakes.sms.receipt_delay = 0  # the provider reports inside the hand-over call
    notification_id = _send(world)
    [request] = endpoint.wait_for(1)
    shown = world.client().get(f"/v2/notifications/{notification_id}").json
    assert (request["body"]["id"], request["body"]["status"]) == (notification_id, "delivered")
    assert request["body"]["sent_at"] == shown["sent_at"] is not None  # the hand-over was recorded with it


def test_pending_is_not_called_back_and_the_final_status_is(
        world: World, fakes: Fakes, endpoint: ServiceEndpoint, configured: AdminClient,
        runner: BackgroundTaskRunner) -> None:
    notification_id = _send(world)
    pending = configured.raw.simulate_post(f"/notifications/sms/fake/{fakes.sms.name}", headers=PROVIDER_AUTH,
                                           json={"id": notification_id, "status": "pending"})
    assert pending.status_code == 200, pending.text
    assert runner.join(5) and endpoint.received == []
    failed = configured.raw.simulate_post(f"/notifications/sms/fake/{fakes.sms.name}", headers=PROVIDER_AUTH,
                                          json={"id": notification_id, "status": "permanent-failure"})
    assert failed.status_code == 200
    assert [r["body"]["status"] for r in endpoint.wait_for(1)] == ["permanent-failure"]


def test_test_key_sends_are_called_back_too(world: World, endpoint: ServiceEndpoint, configured: AdminClient) -> None:
    notification_id = _send(world, KeyType.TEST)
    [request] = endpoint.wait_for(1)
    assert (request["body"]["id"], request["body"]["status"]) == (notification_id, "delivered")


def test_a_500_from_the_service_is_retried(world: World, fakes: Fakes, endpoint: ServiceEndpoint,
                                          configured: AdminClient, runner: BackgroundTaskRunner) -> None:
    endpoint.answers = [500, 503]
    _send(world)
    fakes.flush()
    received = endpoint.wait_for(3)
    assert runner.join(5)
    assert len(received) == 3 and len({json.dumps(r["body"]) for r in received}) == 1


def test_retries_stop_after_the_configured_number(world: World, fakes: Fakes, endpoint: ServiceEndpoint,
                                                  configured: AdminClient, runner: BackgroundTaskRunner) -> None:
    endpoint.answers = [500] * 10
    _send(world)
    fakes.flush()
    assert runner.join(5)
    time.sleep(0.2)
    assert len(endpoint.received) == 1 + RETRIES


def test_a_400_from_the_service_is_not_retried(world: World, fakes: Fakes, endpoint: ServiceEndpoint,
                                              configured: AdminClient, runner: BackgroundTaskRunner) -> None:
    endpoint.answers = [400]
    _send(world)
    fakes.flush()
    endpoint.wait_for(1)
    assert runner.join(5)
    time.sleep(0.2)
    assert len(endpoint.received) == 1


def test_no_callback_configured_means_no_post(world: World, fakes: Fakes, endpoint: ServiceEndpoint,
                                             runner: BackgroundTaskRunner) -> None:
    _send(world)
    fakes.flush()
    assert runner.join(5)
    assert endpoint.received == []
