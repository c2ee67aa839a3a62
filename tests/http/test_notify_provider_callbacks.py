"""Receipts and texts in the formats of Notify's own providers: MMG's and Firetext's SMS delivery receipts and
inbound texts (the provider's token, as a bearer token or a basic auth password), and DVLA's letter status
(a token signed for the one letter)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import attrs
import falcon
import falcon.testing
import pytest

from notify.bootstrap import notify_format_verifiers
from notify.entrypoints.http import create_app
from notify.config import Settings
from notify.domain.constants import NotificationStatus, NotificationType
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases.app import Notify
from notify.usecases.inbound_numbers import add_inbound_numbers
from notify.usecases.notify_provider_receipts import letter_callback_token

from .. import factories
from ..conftest import AdminClient
from ..fakes import PROVIDER_AUTH, PROVIDER_TOKEN, FrozenClock

BASIC = {"Authorization": "Basic " + base64.b64encode(f"notify:{PROVIDER_TOKEN}".encode()).decode()}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    """The suite's core on each store (memory, PostgreSQL), taking MMG's and Firetext's callbacks."""
    verifiers = notify_format_verifiers(Settings(provider_callback_tokens=(PROVIDER_TOKEN,)))
    return attrs.evolve(build_test_core(clock, uow=new_uow), provider_callback_verifiers=verifiers)


@pytest.fixture
def raw(app: falcon.App) -> falcon.testing.TestClient:
    return falcon.testing.TestClient(app)


def _sent(notify: Notify, service: dict[str, Any], **kw: Any) -> UUID:
    return factories.store_notification(notify, UUID(service["id"]), status=NotificationStatus.SENDING, **kw)


def _status(notify: Notify, notification_id: UUID) -> str:
    return factories.status_of(notify, notification_id).value


def mmg(raw: falcon.testing.TestClient, body: dict[str, Any], headers: dict[str, str] = PROVIDER_AUTH) -> Any:
    return raw.simulate_post("/notifications/sms/mmg", json=body, headers=headers)


def firetext(raw: falcon.testing.TestClient, body: str, headers: dict[str, str] = BASIC) -> Any:
    return raw.simulate_post("/notifications/sms/firetext", body=body, headers={**headers, **FORM})


@pytest.mark.parametrize(("code", "expected"), [("3", "delivered"), ("4", "temporary-failure"),
                                                ("2", "permanent-failure"), ("5", "permanent-failure"),
                                                ("99", "technical-failure")])
def test_mmg_receipts_move_the_notification_once(notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient,
                                                 service: dict[str, Any], code: str, expected: str) -> None:
    sent = _sent(notify, service)
    result = mmg(raw, {"status": code, "CID": str(sent), "substatus": 5, "deliverytime": "2026-06-15 12:00:00"})
    assert (result.status_code, result.json) == (200, {"result": "success"})
    assert _status(notify, sent) == expected
    assert mmg(raw, {"status": "3", "CID": str(sent)}).status_code == 200  # late: changes nothing
    assert _status(notify, sent) == expected


def test_firetext_receipts_tell_temporary_from_permanent_failures(
        notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient, service: dict[str, Any]) -> None:
    delivered, declined, busy, after_pending = (_sent(notify, service) for _ in range(4))
    for notification_id, body in ((delivered, "status=0"), (declined, "status=1"), (busy, "status=1&code=103"),
                                  (after_pending, "status=2")):
        result = firetext(raw, f"{body}&reference={notification_id}&time=2026-06-15+12%3A00%3A00")
        assert (result.status_code, result.json) == (200, {"result": "success"})
    assert _status(notify, after_pending) == "pending"
    firetext(raw, f"status=1&reference={after_pending}")
    assert [_status(notify, n) for n in (delivered, declined, busy, after_pending)] == [
        "delivered", "permanent-failure", "temporary-failure", "temporary-failure"]


def test_receipts_for_unknown_notifications_are_answered_and_dropped(raw: falcon.testing.TestClient) -> None:
    assert mmg(raw, {"status": "3", "CID": str(uuid4())}).json == {"result": "success"}
    assert firetext(raw, f"status=0&reference={uuid4()}").status_code == 200


def test_missing_fields_are_400s_in_notifys_words(raw: falcon.testing.TestClient) -> None:
    result = mmg(raw, {"substatus": "1"})
    assert (result.status_code, result.json) == (400, {"result": "error", "message": [
        "MMG callback failed: status missing", "MMG callback failed: CID missing"]})
    result = firetext(raw, "status=0")
    assert (result.status_code, result.json) == (400, {"result": "error",
                                                       "message": ["Firetext callback failed: reference missing"]})
    not_an_id = mmg(raw, {"status": "3", "CID": "not-a-uuid"})
    assert (not_an_id.status_code, not_an_id.json["result"]) == (400, "error")
    assert raw.simulate_post("/notifications/sms/mmg", body="{", headers=PROVIDER_AUTH).status_code == 400


@pytest.mark.parametrize("path", ["/notifications/sms/mmg", "/notifications/sms/firetext",
                                  "/notifications/sms/receive/mmg", "/notifications/sms/receive/firetext"])
def test_only_the_token_holder_may_post(raw: falcon.testing.TestClient, path: str) -> None:
    assert raw.simulate_post(path, json={}).status_code == 401
    wrong = base64.b64encode(b"notify:wrong").decode()
    for headers in ({"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {wrong}"}):
        result = raw.simulate_post(path, json={}, headers=headers)
        assert (result.status_code, result.json["result"]) == (403, "error")


@pytest.fixture
def inbound_service(notify: Notify, admin: AdminClient, service: dict[str, Any]) -> dict[str, Any]:
    """`service` receiving texts on 07700900001, from the pool."""
    [number] = add_inbound_numbers(notify, ["07700900001"], provider="mmg")
    admin.post(f"/service/{service['id']}", json={"permissions": [*service["permissions"], "inbound_sms"]})
    assert admin.post(f"/inbound-number/service/{service['id']}", json={"inbound_number_id": str(number.id)}) \
        .status_code == 201
    return service


def test_mmg_texts_are_decoded_and_stored_once(raw: falcon.testing.TestClient, admin: AdminClient,
                                               inbound_service: dict[str, Any]) -> None:
    body = {"MSISDN": "447700900222", "Number": "447700900001", "Message": "Caf%C3%A9+%3D+yes%21",
            "ID": "mmg-1", "DateRecieved": "2026-06-15+11%3A56%3A11"}
    for _ in range(2):
        result = raw.simulate_post("/notifications/sms/receive/mmg", json=body, headers=BASIC)
        assert (result.status_code, result.json) == (200, {"status": "ok"})
    [text] = admin.get(f"/service/{inbound_service['id']}/inbound-sms").json["data"]
    assert (text["content"], text["user_number"], text["notify_number"]) == ("Café = yes!", "447700900222",
                                                                            "07700900001")


def test_firetext_texts_are_stored_once_and_unknown_numbers_answered(
        raw: falcon.testing.TestClient, admin: AdminClient, inbound_service: dict[str, Any]) -> None:
    body = "source=447700900222&destination=447700900001&message=Hello+there&time=2026-06-15+11%3A56%3A11"
    for _ in range(2):
        result = raw.simulate_post("/notifications/sms/receive/firetext", body=body, headers={**BASIC, **FORM})
        assert (result.status_code, result.json) == (200, {"status": "ok"})
    nobody = body.replace("447700900001", "447700900999")
    assert raw.simulate_post("/notifications/sms/receive/firetext", body=nobody,
                             headers={**BASIC, **FORM}).json == {"status": "ok"}
    [text] = admin.get(f"/service/{inbound_service['id']}/inbound-sms").json["data"]
    assert text["content"] == "Hello there"
    missing = raw.simulate_post("/notifications/sms/receive/firetext", body="source=447700900222",
                                headers={**BASIC, **FORM})
    assert (missing.status_code, missing.json["message"]) == (400, [
        "Firetext callback failed: destination missing", "Firetext callback failed: message missing"])


def _dvla(job_id: UUID | str, status: str = "DESPATCHED") -> dict[str, Any]:
    data: dict[str, Any] = {"jobId": str(job_id), "jobStatus": status, "transitionDate": "2026-06-15T15:00:00Z"}
    if status == "DESPATCHED":
        data["despatchProperties"] = [{"key": "totalSheets", "value": "2"}, {"key": "postageClass", "value": "2ND"},
                                      {"key": "mailingProduct", "value": "MM"}]
    return {"id": "event-1", "time": "2026-06-15T15:00:01Z", "data": data, "metadata": {"correlationId": "c-1"},
            "specVersion": "1", "type": "uk.gov.dvla.osl.print.v1.status"}


@pytest.mark.parametrize(("status", "expected"), [("DESPATCHED", "delivered"), ("REJECTED", "technical-failure")])
def test_dvla_reports_a_letter_through_its_own_token(notify: Notify, raw: falcon.testing.TestClient,
                                                     admin: AdminClient, service: dict[str, Any], status: str,
                                                     expected: str) -> None:
    letter = _sent(notify, service, notification_type=NotificationType.LETTER, to="A Person\n1 Street\nSW1A 1AA")
    token = letter_callback_token(notify, letter)
    result = raw.simulate_post("/notifications/letter/status", json=_dvla(letter, status),
                               query_string=f"token={token}")
    assert (result.status_code, result.text) == (204, "")
    assert _status(notify, letter) == expected
    assert raw.simulate_post("/notifications/letter/status", json=_dvla(letter, status),
                             query_string=f"token={token}").status_code == 204  # again: nothing changes
    assert _status(notify, letter) == expected


def test_dvla_callbacks_need_the_letters_token_and_notifys_schema(
        notify: Notify, raw: falcon.testing.TestClient, service: dict[str, Any]) -> None:
    letter = _sent(notify, service, notification_type=NotificationType.LETTER)
    token = letter_callback_token(notify, letter)
    for query in ("", "token=forged", f"token={letter_callback_token(notify, uuid4())}x"):
        result = raw.simulate_post("/notifications/letter/status", json=_dvla(letter), query_string=query)
        assert (result.status_code, result.json["status_code"]) == (403, 403), query
    other = raw.simulate_post("/notifications/letter/status", json=_dvla(uuid4()), query_string=f"token={token}")
    assert (other.status_code, other.json["errors"][0]["message"]) == (
        400, "Notification ID in letter callback data does not match ID in token")
    no_sheets = _dvla(letter)
    no_sheets["data"]["despatchProperties"] = []
    for body in ({"data": {}}, no_sheets, _dvla(letter, "LOST")):
        result = raw.simulate_post("/notifications/letter/status", json=body, query_string=f"token={token}")
        assert (result.status_code, result.json["status_code"]) == (400, 400), body


def test_a_stored_text_is_posted_to_the_services_inbound_callback(
        notify: Notify, admin: AdminClient, owner: dict[str, Any], inbound_service: dict[str, Any]) -> None:
    from notify.adapters.callbacks.fake import FakeCallbackSender

    sender = FakeCallbackSender()
    app = create_app(attrs.evolve(notify, callbacks=sender))
    admin.post(f"/service/{inbound_service['id']}/callback-api", json={
        "url": "https://service.example/texts", "bearer_token": "inbound-token-1234", "updated_by_id": owner["id"],
        "callback_type": "inbound_sms"})
    body = "source=447700900222&destination=447700900001&message=Hello&time=2026-06-15+11%3A56%3A11"
    falcon.testing.TestClient(app).simulate_post("/notifications/sms/receive/firetext", body=body,
                                                 headers={**BASIC, **FORM})
    [text] = admin.get(f"/service/{inbound_service['id']}/inbound-sms").json["data"]
    assert [(c.url, c.bearer_token) for c in sender.sent] == [("https://service.example/texts", "inbound-token-1234")]
    assert sender.payloads == [{"id": text["id"], "source_number": "447700900222",
                                "destination_number": "07700900001", "message": "Hello",
                                "date_received": "2026-06-15T11:56:11.000000Z"}]
