"""GET /v2/notifications/{id}, GET /v2/notifications (filters, paging, links) and received texts."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from notify.domain.constants import KeyType

from .conftest import ADDRESS, ApiClient, Fakes, World


def send_sms(world: World, api: ApiClient, **overrides: Any) -> str:
    body = {"phone_number": "07700900123", "template_id": str(world.sms.id), "personalisation": {"name": "Jo"},
            **overrides}
    result = api.post("/v2/notifications/sms", json=body)
    assert result.status_code == 201, result.json
    return str(result.json["id"])


def test_get_by_id_has_notifys_shape(world: World, api: ApiClient, fakes: Fakes) -> None:
    nid = send_sms(world, api, reference="abc", phone_number="+44 (0)7700 900123")
    body = api.get(f"/v2/notifications/{nid}").json
    assert body["id"] == nid
    assert body["reference"] == "abc"
    assert body["phone_number"] == "+44 (0)7700 900123"  # as submitted
    assert body["email_address"] is None and body["line_1"] is None and body["postcode"] is None
    assert body["type"] == "sms"
    assert body["status"] == "sending"
    assert body["template"] == {"id": str(world.sms.id), "version": 1,
                                "uri": f"http://falconframework.org/v2/template/{world.sms.id}/version/1"}
    assert body["body"] == "Hello Jo"
    assert body["subject"] is None
    assert body["created_at"].endswith("Z") and body["sent_at"].endswith("Z")
    assert body["completed_at"] is None and body["scheduled_for"] is None
    assert body["cost_details"]["billable_sms_fragments"] == 1
    assert body["is_cost_data_ready"] is True
    fakes.flush()
    body = api.get(f"/v2/notifications/{nid}").json
    assert body["status"] == "delivered"
    assert body["completed_at"] is not None


def test_get_by_id_errors(api: ApiClient) -> None:
    result = api.get("/v2/notifications/not-a-uuid")
    assert result.status_code == 400
    assert result.json == {"status_code": 400, "errors": [
        {"error": "ValidationError", "message": "notification_id is not a valid UUID"}]}
    result = api.get(f"/v2/notifications/{uuid4()}")
    assert result.status_code == 404
    assert result.json == {"status_code": 404, "errors": [{"error": "NoResultFound", "message": "No result found"}]}


def test_get_by_id_ignores_key_type(world: World, api: ApiClient) -> None:
    nid = send_sms(world, world.client(KeyType.TEST))
    assert api.get(f"/v2/notifications/{nid}").status_code == 200


def test_list_is_newest_first_with_links(world: World, api: ApiClient) -> None:
    ids = []
    for _ in range(3):
        ids.append(send_sms(world, api))
        world.clock.advance(seconds=1)
    body = api.get("/v2/notifications").json
    assert [n["id"] for n in body["notifications"]] == ids[::-1]
    assert body["links"]["current"] == "http://falconframework.org/v2/notifications"
    assert body["links"]["next"] == f"http://falconframework.org/v2/notifications?older_than={ids[0]}"
    older = api.get("/v2/notifications", query_string=f"older_than={ids[1]}").json
    assert [n["id"] for n in older["notifications"]] == [ids[0]]
    empty = api.get("/v2/notifications", query_string=f"older_than={ids[0]}").json
    assert empty["notifications"] == [] and "next" not in empty["links"]


def test_list_only_shows_the_callers_key_type(world: World, api: ApiClient) -> None:
    send_sms(world, api)
    test_id = send_sms(world, world.client(KeyType.TEST))
    listed = world.client(KeyType.TEST).get("/v2/notifications").json["notifications"]
    assert [n["id"] for n in listed] == [test_id]


def test_list_filters(world: World, api: ApiClient, fakes: Fakes) -> None:
    sms_id = send_sms(world, api, reference="mine")
    failed_id = send_sms(world, api, phone_number="07700900002")  # the fake reports a permanent failure
    email = api.post("/v2/notifications/email", json={"email_address": "a@b.com", "template_id": str(world.email.id),
                                                      "personalisation": {"name": "x"}}).json["id"]
    fakes.flush()

    def ids(query: str) -> set[str]:
        result = api.get("/v2/notifications", query_string=query)
        assert result.status_code == 200, result.json
        return {n["id"] for n in result.json["notifications"]}

    assert ids("template_type=email") == {email}
    assert ids("template_type=sms&template_type=email") == {sms_id, failed_id, email}
    assert ids("status=failed") == {failed_id}
    assert ids("status=delivered") == {sms_id, email}
    assert ids("reference=mine") == {sms_id}
    assert ids(f"older_than={uuid4()}") == set()


def test_list_reports_letters_as_accepted_and_filters_by_alias(world: World, api: ApiClient, fakes: Fakes) -> None:
    fakes.queue.hold = True
    nid = api.post("/v2/notifications/letter", json={"template_id": str(world.letter.id),
                                                     "personalisation": {**ADDRESS, "name": "x"}}).json["id"]
    assert [n["id"] for n in api.get("/v2/notifications", query_string="status=accepted").json["notifications"]] == [nid]
    fakes.queue.run()
    fakes.flush()
    listed = api.get("/v2/notifications", query_string="status=received").json["notifications"]
    assert [(n["id"], n["status"]) for n in listed] == [(nid, "received")]


def test_list_validation_errors(api: ApiClient) -> None:
    result = api.get("/v2/notifications", query_string="status=elephant&template_type=orange&older_than=x&foo=1")
    assert result.status_code == 400
    messages = [e["message"] for e in result.json["errors"]]
    assert messages[0].startswith("status elephant is not one of [cancelled, created, sending")
    assert "template_type orange is not one of [sms, email, letter]" in messages
    assert "older_than is not a valid UUID" in messages
    assert "Additional properties are not allowed (foo was unexpected)" in messages


def test_received_text_messages_is_an_empty_page(api: ApiClient) -> None:
    result = api.get("/v2/received-text-messages")
    assert result.status_code == 200
    assert result.json == {"received_text_messages": [],
                           "links": {"current": "http://falconframework.org/v2/received-text-messages"}}
    assert api.get("/v2/received-text-messages", query_string="older_than=x").json["errors"] == [
        {"error": "ValidationError", "message": "older_than is not a valid UUID"}]


def test_unknown_v2_routes_answer_in_the_v2_envelope(api: ApiClient) -> None:
    """Notify's clients only read `errors` from the public API: an admin-shaped 404 left them without a message."""
    result = api.post("/v2/notifications/foo/bar", json={})
    assert result.status_code == 404
    assert result.json == {"status_code": 404, "errors": [
        {"error": "NoResultFound", "message": "The requested URL was not found on the server."}]}
