"""The inbound number pool through the admin API (/inbound-number…), a service's number in its senders and in
the texts it receives, and inbound texts turned off (/service/{id}/inbound-sms/remove, /most-recent-usage)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import uuid4

import falcon
import falcon.testing
import pytest

from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases.app import Notify
from notify.usecases.inbound_numbers import add_inbound_numbers

from ..conftest import AdminClient
from ..fakes import PROVIDER_AUTH, FrozenClock, accept_provider_callbacks


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    """The suite's core on each store (memory, PostgreSQL), taking the fake SMS provider's texts."""
    from notify.adapters.providers.fake import FakeSmsProvider

    return accept_provider_callbacks(build_test_core(clock, uow=new_uow), [FakeSmsProvider(receipt_delay=None)])


@pytest.fixture
def pool(notify: Notify) -> list[str]:
    """Two numbers in the pool, the lower first: ids as strings."""
    return [str(n.id) for n in add_inbound_numbers(notify, ["07700900002", "07700900001"], provider="mmg")][::-1]


def _inbound_service(admin: AdminClient, service: dict[str, Any]) -> dict[str, Any]:
    return admin.post(f"/service/{service['id']}", json={
        "permissions": [*service["permissions"], "inbound_sms"]}).json["data"]


def receive(app: falcon.App, destination: str) -> None:
    result = falcon.testing.TestClient(app, headers=PROVIDER_AUTH).simulate_post(
        "/notifications/sms/receive/fake", json={"source": "07700900222", "destination": destination,
                                                 "message": "Hello"})
    assert result.status_code == 200


def test_the_pool_lists_every_number_and_the_free_ones(admin: AdminClient, service: dict[str, Any],
                                                       pool: list[str], clock: FrozenClock) -> None:
    listed = admin.get("/inbound-number").json["data"]
    assert [(n["id"], n["number"], n["provider"], n["active"]) for n in listed] == [
        (pool[0], "07700900001", "mmg", True), (pool[1], "07700900002", "mmg", True)]
    assert "service" not in listed[0] and listed[0]["created_at"] == "2026-06-15T12:00:00.000000Z"
    assert admin.get(f"/inbound-number/service/{service['id']}").json == {"data": {}}

    given = admin.post(f"/inbound-number/service/{service['id']}", json={"inbound_number_id": pool[1]})
    assert given.status_code == 201
    assert (given.json["sms_sender"], given.json["inbound_number_id"], given.json["is_default"]) == (
        "07700900002", pool[1], True)
    assert [n["number"] for n in admin.get("/inbound-number/available").json["data"]] == ["07700900001"]
    held = admin.get(f"/inbound-number/service/{service['id']}").json["data"]
    assert (held["id"], held["service"]) == (pool[1], {"id": service["id"], "name": "Tax reminders"})


def test_a_service_with_one_sender_has_it_turned_into_the_first_free_number(
        admin: AdminClient, service: dict[str, Any], pool: list[str]) -> None:
    [govuk] = admin.get(f"/service/{service['id']}/sms-sender").json
    given = admin.post(f"/inbound-number/service/{service['id']}", json={}).json
    assert (given["id"], given["sms_sender"], given["inbound_number_id"]) == (govuk["id"], "07700900001", pool[0])
    assert [s["sms_sender"] for s in admin.get(f"/service/{service['id']}/sms-sender").json] == ["07700900001"]


def test_a_service_with_several_senders_gets_a_new_default_on_the_number(
        admin: AdminClient, service: dict[str, Any], pool: list[str]) -> None:
    admin.post(f"/service/{service['id']}/sms-sender", json={"sms_sender": "Taxes", "is_default": False})
    admin.post(f"/inbound-number/service/{service['id']}", json={"inbound_number_id": pool[0]})
    senders = admin.get(f"/service/{service['id']}/sms-sender").json
    assert (senders[0]["sms_sender"], senders[0]["is_default"]) == ("07700900001", True)
    assert {(s["sms_sender"], s["is_default"]) for s in senders[1:]} == {("GOVUK", False), ("Taxes", False)}


def test_numbers_taken_turned_off_or_missing_are_refused(admin: AdminClient, owner: dict[str, Any],
                                                         service: dict[str, Any], pool: list[str]) -> None:
    other = admin.post("/service", json={"name": "Other", "user_id": owner["id"]}).json["data"]
    assert admin.post(f"/inbound-number/service/{service['id']}", json={"inbound_number_id": pool[0]}).status_code \
        == 201
    taken = admin.post(f"/inbound-number/service/{other['id']}", json={"inbound_number_id": pool[0]})
    assert (taken.status_code, taken.json) == (400, {"result": "error",
                                                     "message": f"Inbound number: {pool[0]} is not available"})
    again = admin.post(f"/inbound-number/service/{service['id']}", json={})
    assert (again.status_code, again.json["message"]) == (
        400, f"Service {service['id']} already has an inbound number")
    assert admin.post(f"/inbound-number/service/{other['id']}", json={}).status_code == 201
    third = admin.post("/service", json={"name": "Third", "user_id": owner["id"]}).json["data"]
    empty = admin.post(f"/inbound-number/service/{third['id']}", json={})
    assert (empty.status_code, empty.json["message"]) == (400, "There are no available inbound numbers")
    unknown = admin.post(f"/inbound-number/service/{third['id']}", json={"inbound_number_id": str(uuid4())})
    assert unknown.status_code == 400
    assert admin.post(f"/inbound-number/service/{uuid4()}", json={}).status_code == 404
    bad = admin.post(f"/inbound-number/service/{third['id']}", json={"inbound_number_id": "not-a-uuid"})
    assert (bad.status_code, bad.json["result"]) == (400, "error")


def test_texts_to_a_number_go_to_the_service_holding_it_until_it_is_turned_off(
        app: falcon.App, admin: AdminClient, service: dict[str, Any], pool: list[str]) -> None:
    inbound = _inbound_service(admin, service)
    receive(app, "447700900001")  # nobody holds it yet: dropped
    admin.post(f"/inbound-number/service/{inbound['id']}", json={"inbound_number_id": pool[0]})
    receive(app, "447700900001")
    [message] = admin.get(f"/service/{inbound['id']}/inbound-sms").json["data"]
    assert message["notify_number"] == "07700900001"
    assert admin.post(f"/inbound-number/service/{inbound['id']}/off").status_code == 204
    assert admin.get(f"/inbound-number/service/{inbound['id']}").json["data"]["active"] is False
    receive(app, "07700900001")
    assert len(admin.get(f"/service/{inbound['id']}/inbound-sms").json["data"]) == 1


def test_turning_off_a_number_a_service_does_not_have_is_a_404(admin: AdminClient, service: dict[str, Any]) -> None:
    assert admin.post(f"/inbound-number/service/{service['id']}/off").status_code == 404
    assert admin.post(f"/inbound-number/service/{uuid4()}/off").status_code == 404


def test_most_recent_usage_is_the_last_text_received_or_sent_on_the_number(
        app: falcon.App, admin: AdminClient, service: dict[str, Any], pool: list[str], clock: FrozenClock) -> None:
    missing = admin.get(f"/service/{service['id']}/inbound-sms/most-recent-usage")
    assert (missing.status_code, missing.json["message"]) == (404, "inbound not found")
    inbound = _inbound_service(admin, service)
    admin.post(f"/inbound-number/service/{inbound['id']}", json={"inbound_number_id": pool[0]})
    usage = admin.get(f"/service/{inbound['id']}/inbound-sms/most-recent-usage")
    assert usage.json == {"most_recent_date": None}
    clock.advance(minutes=5)
    receive(app, "07700900001")
    assert admin.get(f"/service/{inbound['id']}/inbound-sms/most-recent-usage").json == {
        "most_recent_date": "2026-06-15T12:05:00.000000Z"}


def test_removing_inbound_sms_releases_or_retires_the_number(
        app: falcon.App, admin: AdminClient, owner: dict[str, Any], service: dict[str, Any], pool: list[str]) -> None:
    inbound = _inbound_service(admin, service)
    admin.post(f"/inbound-number/service/{inbound['id']}", json={"inbound_number_id": pool[0]})
    removed = admin.post(f"/service/{inbound['id']}/inbound-sms/remove", json={"archive": False})
    assert (removed.status_code, removed.json) == (200, {})
    assert "inbound_sms" not in admin.get(f"/service/{inbound['id']}").json["data"]["permissions"]
    assert admin.get(f"/service/{inbound['id']}/sms-sender").json == []
    assert admin.get(f"/inbound-number/service/{inbound['id']}").json == {"data": {}}
    assert [n["id"] for n in admin.get("/inbound-number/available").json["data"]] == pool

    other = _inbound_service(admin, admin.post("/service", json={"name": "Other", "user_id": owner["id"]})
                             .json["data"])
    assert admin.post(f"/inbound-number/service/{other['id']}", json={"inbound_number_id": pool[0]}).status_code \
        == 201
    assert admin.post(f"/service/{other['id']}/inbound-sms/remove", json={"archive": True}).status_code == 200
    retired = next(n for n in admin.get("/inbound-number").json["data"] if n["id"] == pool[0])
    assert (retired["active"], "service" in retired) == (False, False)
    assert [n["id"] for n in admin.get("/inbound-number/available").json["data"]] == [pool[1]]


def test_remove_needs_archive_and_a_known_service(admin: AdminClient, service: dict[str, Any]) -> None:
    for body in ({}, {"archive": "maybe"}, {"archive": True, "other": 1}):
        result = admin.post(f"/service/{service['id']}/inbound-sms/remove", json=body)
        assert (result.status_code, result.json["result"]) == (400, "error"), body
    assert admin.post(f"/service/{uuid4()}/inbound-sms/remove", json={"archive": True}).status_code == 404
    assert admin.get(f"/service/{uuid4()}/inbound-sms/most-recent-usage").status_code == 404
