"""Inbound text messages: the fake provider's webhook (its callback token, no JWT) and the admin API's /service/{id}/inbound-sms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import uuid4

import falcon
import falcon.testing
import pytest

from ..conftest import AdminClient
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases.app import Notify

from ..fakes import PROVIDER_AUTH, FrozenClock, accept_provider_callbacks

WEBHOOK = "/notifications/sms/receive/fake"


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    """The suite's core on each store (memory, PostgreSQL), taking the fake SMS provider's callbacks (signed
    with its token)."""
    from notify.adapters.providers.fake import FakeSmsProvider

    return accept_provider_callbacks(build_test_core(clock, uow=new_uow), [FakeSmsProvider(receipt_delay=None)])


@pytest.fixture
def provider(app: falcon.App) -> falcon.testing.TestClient:
    """The fake SMS provider posting what people send, with its callback token."""
    return falcon.testing.TestClient(app, headers=PROVIDER_AUTH)


@pytest.fixture
def inbound_service(admin: AdminClient, service: dict[str, Any]) -> dict[str, Any]:
    """`service`, allowed to receive text messages, with the number 07700 900111 among its senders."""
    updated = admin.post(f"/service/{service['id']}", json={"permissions": [*service["permissions"], "inbound_sms"]})
    assert updated.status_code == 200
    added = admin.post(f"/service/{service['id']}/sms-sender",
                       json={"sms_sender": "07700900111", "is_default": False, "inbound_number_id": str(uuid4())})
    assert added.status_code == 201
    return updated.json["data"]


def receive(provider: falcon.testing.TestClient, **body: Any) -> falcon.testing.Result:
    return provider.simulate_post(WEBHOOK, json={"source": "07700 900222", "destination": "447700900111",
                                                 "message": "Hello, Notify", **body})


def inbox(admin: AdminClient, service: dict[str, Any], query: str = "") -> list[dict[str, Any]]:
    result = admin.get(f"/service/{service['id']}/inbound-sms", query_string=query)
    assert result.status_code == 200
    return result.json["data"]


def test_a_message_to_a_services_number_is_stored_for_it(provider: falcon.testing.TestClient, admin: AdminClient,
                                                         inbound_service: dict[str, Any], clock: FrozenClock) -> None:
    result = receive(provider, id="provider-ref-1", date="2026-06-15T11:59:58Z")
    assert (result.status_code, result.json) == (200, {"status": "ok"})
    [message] = inbox(admin, inbound_service)
    assert {k: message[k] for k in ("service_id", "notify_number", "user_number", "content", "created_at")} == {
        "service_id": inbound_service["id"], "notify_number": "07700900111", "user_number": "447700900222",
        "content": "Hello, Notify", "created_at": "2026-06-15T12:00:00.000000Z"}
    assert admin.get(f"/service/{inbound_service['id']}/inbound-sms/{message['id']}").json == message


@pytest.mark.parametrize("destination", ["07700900111", "+447700900111", "447700900111"])
def test_the_destination_matches_in_any_spelling(provider: falcon.testing.TestClient, admin: AdminClient,
                                                 inbound_service: dict[str, Any], destination: str) -> None:
    assert receive(provider, destination=destination).status_code == 200
    assert len(inbox(admin, inbound_service)) == 1


def test_unknown_numbers_and_services_without_the_permission_store_nothing(
        provider: falcon.testing.TestClient, admin: AdminClient, inbound_service: dict[str, Any]) -> None:
    assert receive(provider, destination="07700900999").json == {"status": "ok"}
    assert receive(provider, destination="GOVUK").status_code == 200  # every service's default sender
    permissions = [p for p in inbound_service["permissions"] if p != "inbound_sms"]
    admin.post(f"/service/{inbound_service['id']}", json={"permissions": permissions})
    assert receive(provider).status_code == 200
    assert inbox(admin, inbound_service) == []


@pytest.mark.parametrize(("body", "field"), [
    ({"destination": "07700900111", "message": "x"}, "source"),
    ({"source": "07700900222", "message": "x"}, "destination"),
    ({"source": "07700900222", "destination": "07700900111"}, "message"),
    ({"source": 7, "destination": "07700900111", "message": "x"}, "source"),
    ({"source": "07700900222", "destination": "07700900111", "message": "x", "date": "yesterday"}, "date"),
    ({"source": "07700900222", "destination": "07700900111", "message": "x", "date": "0001-01-01T00:00:00+01:00"},
     "date"),
    ({"source": "07700900222", "destination": "07700900111", "message": "x", "colour": "red"}, "colour"),
])
def test_a_malformed_webhook_is_a_400_naming_the_field(provider: falcon.testing.TestClient, body: dict[str, Any],
                                                       field: str) -> None:
    result = provider.simulate_post(WEBHOOK, json=body)
    assert result.status_code == 400
    assert field in result.json["message"]


def test_the_admin_list_filters_by_sender_and_keeps_seven_days(
        provider: falcon.testing.TestClient, admin: AdminClient, inbound_service: dict[str, Any],
        clock: FrozenClock) -> None:
    receive(provider, message="old")
    clock.advance(days=8)
    receive(provider, message="first")
    clock.advance(minutes=1)
    receive(provider, message="second", source="+447700900333")
    assert [m["content"] for m in inbox(admin, inbound_service)] == ["second", "first"]
    assert [m["content"] for m in inbox(admin, inbound_service, "phone_number=07700900222")] == ["first"]
    assert [m["content"] for m in inbox(admin, inbound_service, "limit=1")] == ["second"]
    searched = admin.post(f"/service/{inbound_service['id']}/inbound-sms", json={"phone_number": "07700 900333"})
    assert [m["content"] for m in searched.json["data"]] == ["second"]
    summary = admin.get(f"/service/{inbound_service['id']}/inbound-sms/summary").json
    assert summary == {"count": 2, "most_recent": "2026-06-23T12:01:00.000000Z"}


def test_admin_inbound_errors(admin: AdminClient, service: dict[str, Any]) -> None:
    unknown = str(uuid4())
    assert admin.get(f"/service/{unknown}/inbound-sms").status_code == 404
    assert admin.get(f"/service/{unknown}/inbound-sms/summary").status_code == 404
    assert admin.get(f"/service/{service['id']}/inbound-sms/{unknown}").status_code == 404
    assert admin.get(f"/service/{service['id']}/inbound-sms", query_string="limit=0").status_code == 400
    assert admin.post(f"/service/{service['id']}/inbound-sms", json={"phone_number": 7}).status_code == 400
    assert admin.get(f"/service/{service['id']}/inbound-sms/summary").json == {"count": 0, "most_recent": None}


def test_a_huge_limit_is_refused_not_a_500(admin: AdminClient, service: dict[str, Any]) -> None:
    result = admin.get(f"/service/{service['id']}/inbound-sms", query_string=f"limit={2**63}")
    assert result.status_code == 400 and "limit" in result.json["message"]


def test_most_recent_is_the_latest_message_from_each_number(
        provider: falcon.testing.TestClient, admin: AdminClient, inbound_service: dict[str, Any],
        clock: FrozenClock) -> None:
    receive(provider, message="too old", source="07700900444")
    clock.advance(days=8)
    for message, source in [("a1", "07700900222"), ("b1", "07700900333"), ("a2", "+447700900222")]:
        clock.advance(minutes=1)
        receive(provider, message=message, source=source)
    url = f"/service/{inbound_service['id']}/inbound-sms/most-recent"
    page = admin.get(url).json
    assert [m["content"] for m in page["data"]] == ["a2", "b1"] and page["has_next"] is False
    assert admin.get(url, query_string="page=2").json == {"data": [], "has_next": False}
    assert admin.get(url, query_string="page=0").status_code == 400
    assert admin.get(url, query_string="page=x").status_code == 400
    assert admin.get(f"/service/{uuid4()}/inbound-sms/most-recent").status_code == 404


def test_most_recent_pages_by_fifty(provider: falcon.testing.TestClient, admin: AdminClient,
                                    inbound_service: dict[str, Any], clock: FrozenClock) -> None:
    for n in range(51):
        clock.advance(seconds=1)
        receive(provider, message=f"m{n}", source=f"077009{n:05d}")
    url = f"/service/{inbound_service['id']}/inbound-sms/most-recent"
    first, second = admin.get(url).json, admin.get(url, query_string="page=2").json
    assert len(first["data"]) == 50 and first["has_next"] is True and first["data"][0]["content"] == "m50"
    assert [m["content"] for m in second["data"]] == ["m0"] and second["has_next"] is False
