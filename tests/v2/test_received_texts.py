"""GET /v2/received-text-messages: Notify's shape, newest first, 250 a page, paged by older_than, only the
caller's service."""

from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain.inbound_sms import InboundSms
from notify.usecases import inbound_sms, senders

from .conftest import ApiClient, World, make_world

PATH = "/v2/received-text-messages"


def can_receive(world: World, number: str) -> None:
    world.update_service(permissions=world.service.permissions | {"inbound_sms"})
    senders.add_sms_sender(world.notify, world.service.id, sms_sender=number, is_default=False)


def receive(world: World, number: str, message: str, source: str = "07700900222") -> InboundSms:
    received = inbound_sms.receive_sms(world.notify, provider="fake", source=source, destination=number,
                                       message=message)
    assert received is not None
    world.clock.advance(seconds=1)
    return received


@pytest.fixture
def texts(world: World) -> list[InboundSms]:
    can_receive(world, "07700900111")
    return [receive(world, "447700900111", f"message {i}") for i in range(3)]


def test_messages_are_listed_newest_first_in_notifys_shape(world: World, api: ApiClient,
                                                           texts: list[InboundSms]) -> None:
    result = api.get(PATH)
    assert result.status_code == 200
    newest = texts[-1]
    assert result.json["received_text_messages"][0] == {
        "id": str(newest.id), "created_at": newest.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "service_id": str(world.service.id), "notify_number": "07700900111", "user_number": "447700900222",
        "content": "message 2"}
    assert [m["content"] for m in result.json["received_text_messages"]] == ["message 2", "message 1", "message 0"]
    assert result.json["links"] == {"current": f"http://falconframework.org{PATH}",
                                    "next": f"http://falconframework.org{PATH}?older_than={texts[0].id}"}


def test_older_than_pages_back_until_a_page_is_empty(api: ApiClient, texts: list[InboundSms]) -> None:
    page = api.get(PATH, query_string=f"older_than={texts[2].id}").json
    assert [m["id"] for m in page["received_text_messages"]] == [str(texts[1].id), str(texts[0].id)]
    last = api.get(PATH, query_string=f"older_than={texts[0].id}").json
    assert last == {"received_text_messages": [],
                    "links": {"current": f"http://falconframework.org{PATH}?older_than={texts[0].id}"}}
    assert api.get(PATH, query_string=f"older_than={uuid4()}").json["received_text_messages"] == []


def test_a_page_holds_250(world: World, api: ApiClient) -> None:
    can_receive(world, "07700900111")
    for i in range(252):
        inbound_sms.receive_sms(world.notify, provider="fake", source="07700900222", destination="07700900111",
                                message=f"m{i}")
        world.clock.advance(seconds=1)
    first = api.get(PATH).json
    assert len(first["received_text_messages"]) == 250
    rest = api.get(PATH, query_string=f"older_than={first['received_text_messages'][-1]['id']}").json
    assert [m["content"] for m in rest["received_text_messages"]] == ["m1", "m0"]


def test_only_the_callers_messages_are_listed(world: World, api: ApiClient, texts: list[InboundSms]) -> None:
    other = make_world(world.notify, world.clock)
    other.app = world.app
    can_receive(other, "07700900999")
    theirs = receive(other, "07700900999", "for the other service")
    mine = {m["id"] for m in api.get(PATH).json["received_text_messages"]}
    assert mine == {str(t.id) for t in texts}
    assert api.get(PATH, query_string=f"older_than={theirs.id}").json["received_text_messages"] == []
    assert [m["content"] for m in other.client().get(PATH).json["received_text_messages"]] == [
        "for the other service"]


def test_query_errors_use_notifys_v2_wording(api: ApiClient) -> None:
    result = api.get(PATH, query_string="older_than=x&foo=1")
    assert result.status_code == 400
    assert result.json["errors"] == [
        {"error": "ValidationError", "message": "older_than is not a valid UUID"},
        {"error": "ValidationError", "message": "Additional properties are not allowed (foo was unexpected)"}]
