"""Broken object-level authorisation (OWASP API1): service B's API key never reads or changes service A's data,
and the answer is the same (status and body) whether the id exists or not. Walks every route of the app that
takes an id, so routes added later are covered without editing this file."""

from __future__ import annotations

import re
from typing import Any
from uuid import uuid4

import pytest

from notify.domain.constants import CallbackType, KeyType
from notify.entrypoints.http.openapi import routes
from notify.usecases import callback_apis
from notify.usecases import inbound_sms, senders

from ..v2.conftest import ADDRESS, ApiClient, World, make_world

ID_PARAMS = ("service_id", "template_id", "notification_id", "job_id", "key_id", "user_id", "organisation_id",
             "provider_id", "branding_id", "callback_api_id", "sms_sender_id", "reply_to_id", "inbound_sms_id")


@pytest.fixture
def a_and_b(world: World) -> tuple[World, World]:
    b = make_world(world.notify, world.clock)
    b.app = world.app
    return world, b


def _ids_of(a: World) -> dict[str, str]:
    sent = a.client().post("/v2/notifications/sms", json={"phone_number": "07700900555",
                                                           "template_id": str(a.sms.id),
                                                           "personalisation": {"name": "secret-of-A"}})
    assert sent.status_code == 201
    callback = callback_apis.create_callback_api(a.notify, a.service.id, url="https://a.example.gov.uk/receipts",
                                                 bearer_token="secret-of-A-token", updated_by_id=a.user.id,
                                                 callback_type=CallbackType.DELIVERY_STATUS)
    sender, reply_to, received = _senders_and_a_text_of(a)
    return {"service_id": str(a.service.id), "template_id": str(a.sms.id), "notification_id": sent.json["id"],
            "key_id": str(a.keys[KeyType.NORMAL].id), "user_id": str(a.user.id), "job_id": str(uuid4()),
            "organisation_id": str(uuid4()), "provider_id": str(uuid4()), "branding_id": str(uuid4()),
            "callback_api_id": str(callback.id), "sms_sender_id": str(sender.id), "reply_to_id": str(reply_to.id),
            "inbound_sms_id": str(received.id)}


def _senders_and_a_text_of(a: World) -> tuple[Any, Any, Any]:
    """A's own sender number, reply-to address and a text message someone sent to A."""
    a.update_service(permissions=a.service.permissions | {"inbound_sms"})
    sender = senders.add_sms_sender(a.notify, a.service.id, sms_sender="07700900111", is_default=False)
    reply_to = senders.add_reply_to(a.notify, a.service.id, email_address="a@example.gov.uk", is_default=True)
    received = inbound_sms.receive_sms(a.notify, provider="fake", source="07700900222", destination="07700900111",
                                       message="secret-of-A")
    return sender, reply_to, received


def _fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)(?::int)?}", lambda m: values.get(m.group(1), "1"), path)


def test_b_gets_the_same_answer_for_as_data_as_for_ids_that_do_not_exist(a_and_b: tuple[World, World]) -> None:
    a, b = a_and_b
    real = _ids_of(a)
    random = {name: str(uuid4()) for name in real}
    b_client: ApiClient = b.client()
    checked = 0
    for route in routes(a.app):
        params = set(re.findall(r"{(\w+)", route.path)) & set(ID_PARAMS)
        if not params or getattr(route.resource, "auth", "admin") == "none":
            continue
        body = {"personalisation": {"name": "x"}} if route.method == "POST" else None
        answers = []
        for values in (real, random):
            result = b_client._call(route.method, _fill(route.path, values), json=body)  # noqa: SLF001
            answers.append((result.status_code, result.text.replace(values.get("template_id", "-"), "<id>")))
        assert answers[0][0] in (400, 401, 403, 404), (route.method, route.path, answers[0])
        assert answers[0] == answers[1], (route.method, route.path)
        checked += 1
    assert checked >= 30


def test_b_cannot_send_with_or_list_as_data(a_and_b: tuple[World, World]) -> None:
    a, b = a_and_b
    real = _ids_of(a)
    client = b.client()
    for kind, body in (("sms", {"phone_number": "07700900555"}), ("email", {"email_address": "a@example.gov.uk"}),
                       ("letter", {"personalisation": ADDRESS})):
        for template in (getattr(a, kind).id, uuid4()):
            result = client.post(f"/v2/notifications/{kind}", json={**body, "template_id": str(template)})
            assert (result.status_code, result.json["errors"]) == (
                400, [{"error": "BadRequestError", "message": "Template not found"}])
    listed = client.get("/v2/notifications", query_string=f"older_than={real['notification_id']}")
    assert listed.status_code == 200 and listed.json["notifications"] == []
    assert all(n["id"] != real["notification_id"] for n in client.get("/v2/notifications").json["notifications"])
    assert a.sms.id not in {t["id"] for t in client.get("/v2/templates").json["templates"]}
    # A's data is unchanged: its notification still reads back to A
    assert a.client().get(f"/v2/notifications/{real['notification_id']}").status_code == 200


def test_b_cannot_read_as_received_texts_or_send_with_as_senders(a_and_b: tuple[World, World]) -> None:
    a, b = a_and_b
    real = _ids_of(a)
    client = b.client()
    listed = client.get("/v2/received-text-messages")
    assert listed.status_code == 200 and listed.json["received_text_messages"] == []
    assert client.get("/v2/received-text-messages", query_string=f"older_than={real['inbound_sms_id']}"
                      ).json["received_text_messages"] == []
    for kind, body in (("sms", {"phone_number": "07700900555", "template_id": str(b.sms.id),
                                "sms_sender_id": real["sms_sender_id"]}),
                       ("email", {"email_address": "b@example.gov.uk", "template_id": str(b.email.id),
                                  "email_reply_to_id": real["reply_to_id"]})):
        result = client.post(f"/v2/notifications/{kind}", json={**body, "personalisation": {"name": "x"}})
        assert result.status_code == 400, result.json
        assert "does not exist in database for service id" in result.json["errors"][0]["message"]
    assert [m["content"] for m in a.client().get("/v2/received-text-messages").json["received_text_messages"]] == [
        "secret-of-A"]
