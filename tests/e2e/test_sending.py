"""The official NotificationsAPIClient against a real `notify serve`: send, read back until delivered, list,
templates, preview and error paths. Service, templates and API key are made through the admin API."""

from __future__ import annotations

import time
from typing import Any
from uuid import uuid4

import pytest
from notifications_python_client.base import BaseAPIClient
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from .conftest import Server, provision_live_service

pytestmark = pytest.mark.e2e

ADDRESS = {"address_line_1": "The Occupier", "address_line_2": "1 High Street", "postcode": "SW1A 1AA"}


@pytest.fixture(scope="module")
def setup(server: Server) -> dict[str, Any]:
    live = provision_live_service(server, "Sender")
    client = NotificationsAPIClient(live.api_key(), base_url=server.base_url)
    return {"client": client, "templates": live.templates, "service_id": live.service_id}


def wait_for(client: NotificationsAPIClient, notification_id: str, statuses: set[str]) -> dict[str, Any]:
    deadline = time.monotonic() + 15
    while True:
        found = client.get_notification_by_id(notification_id)
        if found["status"] in statuses or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_send_sms_email_and_letter_until_delivered(setup: dict[str, Any]) -> None:
    client, t = setup["client"], setup["templates"]
    sms = client.send_sms_notification("07700900123", t["sms"], personalisation={"name": "Ada"}, reference="e2e-1")
    assert sms["content"]["body"] == "Hello Ada" and sms["reference"] == "e2e-1"
    email = client.send_email_notification("ada@example.com", t["email"], personalisation={"name": "Ada"})
    assert email["content"]["subject"] == "Hi Ada" and email["sanitised_content"] == {}
    letter = client.send_letter_notification(t["letter"], personalisation={**ADDRESS, "name": "Ada"})
    assert wait_for(client, sms["id"], {"delivered"})["status"] == "delivered"
    assert wait_for(client, email["id"], {"delivered"})["status"] == "delivered"
    assert wait_for(client, letter["id"], {"received"})["status"] == "received"


def test_list_with_filters_and_paging(setup: dict[str, Any]) -> None:
    client, t = setup["client"], setup["templates"]
    ids = [client.send_sms_notification("07700900123", t["sms"], personalisation={"name": str(i)},
                                        reference="paging")["id"] for i in range(3)]
    page = client.get_all_notifications(reference="paging", template_type="sms")
    assert {n["id"] for n in page["notifications"]} >= set(ids)
    everything = list(client.get_all_notifications_iterator(reference="paging"))
    assert {n["id"] for n in everything} >= set(ids)


def test_templates_and_preview(setup: dict[str, Any]) -> None:
    client, t = setup["client"], setup["templates"]
    assert client.get_template(t["sms"])["body"] == "Hello ((name))"
    assert client.get_template_version(t["sms"], 1)["version"] == 1
    assert {x["id"] for x in client.get_all_templates(template_type="email")["templates"]} == {t["email"]}
    assert client.post_template_preview(t["email"], {"name": "Ada"})["subject"] == "Hi Ada"
    assert client.get_received_texts()["received_text_messages"] == []


def test_error_paths(setup: dict[str, Any], server: Server) -> None:
    client, t = setup["client"], setup["templates"]
    with pytest.raises(HTTPError) as raised:
        client.send_sms_notification("07700900123", t["sms"])
    assert raised.value.status_code == 400
    assert raised.value.message == [{"error": "BadRequestError", "message": "Missing personalisation: name"}]
    with pytest.raises(HTTPError) as raised:
        client.send_sms_notification("not a number", t["sms"], personalisation={"name": "x"})
    assert raised.value.message[0]["error"] == "ValidationError"
    with pytest.raises(HTTPError) as raised:
        client.get_notification_by_id(str(uuid4()))
    assert raised.value.status_code == 404
    wrong = NotificationsAPIClient(f"k-{setup['service_id']}-{uuid4()}", base_url=server.base_url)
    with pytest.raises(HTTPError) as raised:
        wrong.get_all_notifications()
    assert raised.value.status_code == 403
    assert raised.value.message == [{"error": "AuthError", "message": "Invalid token: API key not found"}]
    with pytest.raises(HTTPError) as raised:  # an admin-only path, as Notify
        client.get_all_template_versions(t["sms"])
    assert raised.value.status_code == 401
