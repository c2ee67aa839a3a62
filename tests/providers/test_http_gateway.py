"""SMS by a generic HTTP gateway, against a local server answering by the documented contract and posting
HMAC-signed receipts back to our app over HTTP."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import pytest

from notify.adapters.providers.http_gateway import HttpSmsGateway
from notify.domain.constants import NotificationStatus

from ..fakes import FrozenClock
from .conftest import Rig, rig
from .servers import AppServer, HttpCall, HttpServer, json_answer, post_bytes

SECRET = "gateway-shared-secret"
TOKEN = "gateway-bearer-token"


def sign(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Notify-Timestamp": str(timestamp), "X-Notify-Signature": f"sha256={digest}",
            "Content-Type": "application/json"}


class FakeGateway:
    def __init__(self) -> None:
        self.accepted: list[HttpCall] = []
        self.server = HttpServer(self.respond).start()

    def respond(self, call: HttpCall) -> tuple[int, dict[str, str], bytes]:
        if call.headers.get("authorization") != f"Bearer {TOKEN}":
            return json_answer(401, {"error": "who are you"})
        timestamp = int(call.headers["x-notify-timestamp"])
        if sign(SECRET, timestamp, call.body)["X-Notify-Signature"] != call.headers["x-notify-signature"]:
            return json_answer(401, {"error": "bad signature"})
        data = call.json()
        if data["to"].endswith("900001"):
            return json_answer(422, {"error": "not a mobile number"})
        if data["to"].endswith("900002"):
            return json_answer(503, {"error": "busy"})
        self.accepted.append(call)
        return json_answer(200, {"id": f"gw-{len(self.accepted)}"})


@pytest.fixture
def gateway() -> Iterator[FakeGateway]:
    fake = FakeGateway()
    yield fake
    fake.server.stop()


@pytest.fixture
def setup(notify: Any, clock: FrozenClock, gateway: FakeGateway) -> Iterator[tuple[Rig, AppServer]]:
    adapter = HttpSmsGateway("sms-gateway", url=f"{gateway.server.url}/send", bearer_token=TOKEN, secret=SECRET,
                             timeout=2, clock=clock)
    r = rig(notify, clock, sms=[adapter], callbacks=[adapter])
    server = AppServer(r.world.app)
    yield r, server
    server.stop()


def receipt(server: AppServer, clock: FrozenClock, data: dict[str, Any], *, secret: str = SECRET,
            skew: float = 0, headers: dict[str, str] | None = None) -> int:
    body = json.dumps(data).encode()
    signed = sign(secret, int(clock.now().timestamp() + skew), body) if headers is None else headers
    return post_bytes(f"{server.url}/provider-callbacks/sms-gateway", body, signed)[0]


def test_a_text_is_posted_as_signed_json_and_its_signed_receipt_delivers_it(
        setup: tuple[Rig, AppServer], gateway: FakeGateway, clock: FrozenClock) -> None:
    r, server = setup
    nid = r.send_sms("07700900123")
    (call,) = gateway.accepted
    assert call.json() == {"to": "+447700900123", "from": "GOVUK", "content": call.json()["content"],
                           "reference": nid}
    assert "Ada" in call.json()["content"]
    stored = r.get(nid)
    assert (stored.status, stored.sent_by, stored.reference) == (NotificationStatus.SENDING, "sms-gateway", "gw-1")

    assert receipt(server, clock, {"reference": nid, "status": "delivered", "id": "gw-1"}) == 200
    assert r.get(nid).status is NotificationStatus.DELIVERED


def test_refused_receipts_change_nothing(setup: tuple[Rig, AppServer], clock: FrozenClock) -> None:
    r, server = setup
    nid = r.send_sms()
    good = {"reference": nid, "status": "permanent-failure", "reason": "absent subscriber"}
    assert receipt(server, clock, good, headers={"Content-Type": "application/json"}) == 401  # unsigned
    assert receipt(server, clock, good, secret="wrong") == 403
    assert receipt(server, clock, good, skew=-600) == 403  # stale: a replay of an old receipt
    assert receipt(server, clock, {"reference": "nope", "status": "delivered"}) == 400
    assert receipt(server, clock, {"reference": nid, "status": "lost-in-space"}) == 400
    assert r.get(nid).status is NotificationStatus.SENDING

    body = json.dumps(good).encode()
    headers = sign(SECRET, int(clock.now().timestamp()), body)
    url = f"{server.url}/provider-callbacks/sms-gateway"
    assert post_bytes(url, body, headers)[0] == 200
    assert post_bytes(url, body, headers)[0] == 409  # the same signed receipt again
    assert r.get(nid).status is NotificationStatus.PERMANENT_FAILURE


def test_a_receipt_for_an_unknown_reference_is_dropped(setup: tuple[Rig, AppServer], clock: FrozenClock) -> None:
    _, server = setup
    assert receipt(server, clock, {"reference": "11111111-2222-3333-4444-555555555555",
                                   "status": "delivered"}) == 200


def test_a_refused_number_is_a_permanent_failure_and_a_busy_gateway_fails_over(
        setup: tuple[Rig, AppServer], clock: FrozenClock) -> None:
    r, _ = setup
    refused = r.get(r.send_sms("07700900001"))
    assert (refused.status, refused.sent_by) == (NotificationStatus.PERMANENT_FAILURE, "sms-gateway")
    assert r.get(r.send_sms("07700900002")).sent_by == "fake-sms"
