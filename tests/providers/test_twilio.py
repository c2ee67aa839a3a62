"""SMS by Twilio, against a local server answering as Twilio's Messages API does, which posts signed status
callbacks (and inbound messages) back to our app served over HTTP."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest

from notify.adapters.providers.twilio import TwilioSmsProvider
from notify.domain.constants import NotificationStatus, ServicePermission
from notify.usecases import senders, services

from ..fakes import FrozenClock
from .conftest import Rig, rig
from .servers import AppServer, HttpCall, HttpServer, json_answer, post_form

SID = "AC" + "0" * 32
TOKEN = "twilio-auth-token-for-tests"


def twilio_signature(token: str, url: str, form: dict[str, str]) -> str:
    """As Twilio documents it, written out again here (not the adapter's code)."""
    data = url
    for key in sorted(form):
        data += key + form[key]
    return base64.b64encode(hmac.new(token.encode("utf-8"), data.encode("utf-8"), hashlib.sha1).digest()).decode()


class FakeTwilio:
    """Answers POST /2010-04-01/Accounts/<sid>/Messages.json as Twilio does; numbers script the answer."""

    def __init__(self) -> None:
        self.messages: list[dict[str, str]] = []
        self.server = HttpServer(self.respond).start()
        self.slow = 0.0

    def respond(self, call: HttpCall) -> tuple[int, dict[str, str], bytes]:
        if call.path != f"/2010-04-01/Accounts/{SID}/Messages.json":
            return json_answer(404, {"code": 20404, "message": "not found", "status": 404})
        expected = "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
        if call.headers.get("authorization") != expected:
            return json_answer(401, {"code": 20003, "message": "Authenticate", "status": 401})
        form = {k: v[-1] for k, v in parse_qs(call.body.decode()).items()}
        if self.slow:
            time.sleep(self.slow)
        if form["To"].endswith("900001"):
            return json_answer(400, {"code": 21211, "message": "The 'To' number is not valid.", "status": 400})
        if form["To"].endswith("900002"):
            return json_answer(503, {"code": 20500, "message": "Internal error", "status": 503})
        form["sid"] = f"SM{len(self.messages):032d}"
        self.messages.append(form)
        return json_answer(201, {"sid": form["sid"], "status": "queued", "to": form["To"]})

    def callback(self, message: dict[str, str], status: str, *, error_code: str | None = None,
                 token: str = TOKEN, sign: bool = True, extra: dict[str, str] | None = None) -> tuple[int, bytes]:
        form = {"MessageSid": message["sid"], "MessageStatus": status, "AccountSid": SID, "To": message["To"],
                **({"ErrorCode": error_code} if error_code else {}), **(extra or {})}
        url = message["StatusCallback"]
        headers = {"X-Twilio-Signature": twilio_signature(token, url, form)} if sign else {}
        return post_form(url, form, headers)


@pytest.fixture
def twilio() -> Iterator[FakeTwilio]:
    fake = FakeTwilio()
    yield fake
    fake.server.stop()


@pytest.fixture
def served() -> Iterator[list[AppServer]]:
    servers: list[AppServer] = []
    yield servers
    for server in servers:
        server.stop()


def make(notify: Any, clock: FrozenClock, twilio: FakeTwilio, served: list[AppServer], *,
         timeout: float = 5.0) -> tuple[Rig, AppServer, TwilioSmsProvider]:
    """Twilio first, the fake SMS provider behind it; our app served so that callbacks can reach it."""
    holder: dict[str, str] = {}
    adapter = TwilioSmsProvider("twilio", account_sid=SID, auth_token=TOKEN, base_url=twilio.server.url,
                                public_url="http://placeholder", from_number="+447700900999", timeout=timeout)
    r = rig(notify, clock, sms=[adapter], callbacks=[adapter])
    server = AppServer(r.world.app)
    served.append(server)
    adapter._public_url = holder.get("url", server.url)  # known once the app is served
    return r, server, adapter


def test_a_text_goes_to_twilio_and_its_signed_delivery_callback_delivers_it(
        notify: Any, clock: FrozenClock, twilio: FakeTwilio, served: list[AppServer]) -> None:
    r, server, _ = make(notify, clock, twilio, served)
    nid = r.send_sms("07700900123")

    (message,) = twilio.messages
    assert message["To"] == "+447700900123" and message["From"] == "+447700900999"
    assert message["Body"].endswith("Ada") or "Ada" in message["Body"]
    assert message["StatusCallback"] == f"{server.url}/provider-callbacks/twilio?notification_id={nid}"
    stored = r.get(nid)
    assert (stored.status, stored.sent_by, stored.reference) == (NotificationStatus.SENDING, "twilio", message["sid"])

    assert twilio.callback(message, "sent")[0] == 200  # on its way: nothing changes yet
    assert r.get(nid).status is NotificationStatus.SENDING
    status, body = twilio.callback(message, "delivered")
    assert status == 200, body
    assert r.get(nid).status is NotificationStatus.DELIVERED


def test_the_services_sms_sender_is_the_from_number(notify: Any, clock: FrozenClock, twilio: FakeTwilio,
                                                    served: list[AppServer]) -> None:
    r, _, _ = make(notify, clock, twilio, served)
    senders.add_sms_sender(r.notify, r.world.service.id, sms_sender="447700900777", is_default=True)
    r.notify.cache.clear()
    r.send_sms()
    assert twilio.messages[0]["From"] == "447700900777"


@pytest.mark.parametrize(("status", "code", "expected"), [
    ("undelivered", "30005", NotificationStatus.PERMANENT_FAILURE),
    ("undelivered", "30003", NotificationStatus.TEMPORARY_FAILURE),
    ("failed", "30006", NotificationStatus.PERMANENT_FAILURE),
    ("failed", "30001", NotificationStatus.TECHNICAL_FAILURE),
    ("failed", None, NotificationStatus.TECHNICAL_FAILURE),
])
def test_twilio_error_codes_become_notify_statuses(notify: Any, clock: FrozenClock, twilio: FakeTwilio,
                                                   served: list[AppServer], status: str, code: str | None,
                                                   expected: NotificationStatus) -> None:
    r, _, _ = make(notify, clock, twilio, served)
    nid = r.send_sms()
    assert twilio.callback(twilio.messages[0], status, error_code=code)[0] == 200
    assert r.get(nid).status is expected


def test_unsigned_wrongly_signed_replayed_or_malformed_callbacks_are_refused_and_change_nothing(
        notify: Any, clock: FrozenClock, twilio: FakeTwilio, served: list[AppServer]) -> None:
    r, server, _ = make(notify, clock, twilio, served)
    nid = r.send_sms()
    message = twilio.messages[0]

    assert twilio.callback(message, "delivered", sign=False)[0] == 401
    assert twilio.callback(message, "delivered", token="not-the-token")[0] == 403
    forged = dict(message, StatusCallback=message["StatusCallback"].replace(nid, "not-a-uuid"))
    assert twilio.callback(forged, "delivered")[0] == 400  # signed, but names no notification
    assert r.get(nid).status is NotificationStatus.SENDING

    assert twilio.callback(message, "undelivered", error_code="30003")[0] == 200
    assert twilio.callback(message, "undelivered", error_code="30003")[0] == 409  # the same post again
    assert r.get(nid).status is NotificationStatus.TEMPORARY_FAILURE


def test_receipts_are_idempotent_and_one_for_an_unknown_notification_is_dropped(
        notify: Any, clock: FrozenClock, twilio: FakeTwilio, served: list[AppServer]) -> None:
    r, server, _ = make(notify, clock, twilio, served)
    nid = r.send_sms()
    message = twilio.messages[0]
    assert twilio.callback(message, "delivered")[0] == 200
    # Twilio reports again with more detail: a different post, the same outcome; nothing moves twice.
    assert twilio.callback(message, "delivered", extra={"RawDlrDoneDate": "2601011200"})[0] == 200
    assert twilio.callback(message, "undelivered", error_code="30005")[0] == 200  # late: ignored
    assert r.get(nid).status is NotificationStatus.DELIVERED

    unknown = dict(message, StatusCallback=f"{server.url}/provider-callbacks/twilio?notification_id="
                                           "11111111-2222-3333-4444-555555555555")
    assert twilio.callback(unknown, "delivered")[0] == 200


def test_an_invalid_number_is_a_permanent_failure_without_failover(
        notify: Any, clock: FrozenClock, twilio: FakeTwilio, served: list[AppServer]) -> None:
    r, _, _ = make(notify, clock, twilio, served)
    nid = r.send_sms("07700900001")
    stored = r.get(nid)
    assert (stored.status, stored.sent_by) == (NotificationStatus.PERMANENT_FAILURE, "twilio")
    assert r.fakes[0].sent == []


def test_a_twilio_error_or_timeout_fails_over_to_the_next_provider(
        notify: Any, clock: FrozenClock, twilio: FakeTwilio, served: list[AppServer]) -> None:
    r, _, _ = make(notify, clock, twilio, served, timeout=0.3)
    assert r.get(r.send_sms("07700900002")).sent_by == "fake-sms"
    twilio.slow = 1.0
    started = time.monotonic()
    assert r.get(r.send_sms("07700900123")).sent_by == "fake-sms"
    assert time.monotonic() - started < 1.0


def test_an_inbound_text_through_twilios_webhook_reaches_the_service_with_that_number(
        notify: Any, clock: FrozenClock, twilio: FakeTwilio, served: list[AppServer]) -> None:
    r, server, _ = make(notify, clock, twilio, served)
    service = r.world.service
    services.update_service(r.notify, service.id, {"permissions": sorted(
        {*(p.value if hasattr(p, "value") else p for p in service.permissions), ServicePermission.INBOUND_SMS.value})})
    senders.add_sms_sender(r.notify, service.id, sms_sender="447700900111", is_default=False)
    url = f"{server.url}/provider-callbacks/twilio"
    form = {"MessageSid": "SM" + "9" * 32, "AccountSid": SID, "From": "+447700900222", "To": "+447700900111",
            "Body": "Hello, Notify"}

    assert post_form(url, form, {})[0] == 401
    status, body = post_form(url, form, {"X-Twilio-Signature": twilio_signature(TOKEN, url, form)})
    assert status == 200 and body.startswith(b"<?xml")
    assert post_form(url, form, {"X-Twilio-Signature": twilio_signature(TOKEN, url, form)})[0] == 409

    with r.notify.uow() as uow:
        (stored,) = uow.inbound_sms.list_for_service(service.id)
    assert (stored.content, stored.user_number, stored.provider, stored.provider_reference) == \
        ("Hello, Notify", "447700900222", "twilio", form["MessageSid"])


def test_an_unknown_provider_has_no_callback_route(notify: Any, clock: FrozenClock, twilio: FakeTwilio,
                                                   served: list[AppServer]) -> None:
    r, server, _ = make(notify, clock, twilio, served)
    status, body = post_form(f"{server.url}/provider-callbacks/nobody", {"a": "b"}, {})
    assert status == 404, body
