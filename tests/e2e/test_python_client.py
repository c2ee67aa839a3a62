"""Every method of Notify's official Python client against a real `notify serve`: send, read back, and the
status codes and error shapes the client turns into HTTPError."""

from __future__ import annotations

import io
import re
import time
import urllib.request
from typing import Any
from uuid import uuid4

import pytest
from notifications_python_client import prepare_upload
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from ..pdfs import make_pdf, read_pdf
from .clients import client_server, ADDRESS, ClientWorld, provision_client_world  # noqa: F401 (client_server: a fixture)
from .conftest import Server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def world(client_server: Server) -> ClientWorld:
    return provision_client_world(client_server, "Python")


@pytest.fixture(scope="module")
def client(client_server: Server, world: ClientWorld) -> NotificationsAPIClient:
    return NotificationsAPIClient(world.live.api_key(), base_url=client_server.base_url)


def wait_for(client: NotificationsAPIClient, notification_id: str, statuses: set[str]) -> dict[str, Any]:
    deadline = time.monotonic() + 15
    while True:
        found: dict[str, Any] = client.get_notification_by_id(notification_id)
        if found["status"] in statuses or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def refused(call: Any, *args: Any, **kwargs: Any) -> HTTPError:
    with pytest.raises(HTTPError) as raised:
        call(*args, **kwargs)
    return raised.value


def test_send_sms_and_read_it_back(client: NotificationsAPIClient, world: ClientWorld) -> None:
    sent = client.send_sms_notification("07700900123", world.live.templates["sms"], personalisation={"name": "Ada"},
                                        reference="py-sms")
    assert (sent["content"]["body"], sent["reference"], sent["content"]["from_number"]) == ("Hello Ada", "py-sms",
                                                                                         "GOVUK")
    found = wait_for(client, sent["id"], {"delivered"})
    assert (found["status"], found["phone_number"], found["type"]) == ("delivered", "07700900123", "sms")
    assert found["cost_details"]["sms_rate"] > 0 and found["is_cost_data_ready"] is True
    assert found["created_by_name"] is None


def test_send_email_with_sanitised_content_and_a_file(client_server: Server, client: NotificationsAPIClient,
                                                      world: ClientWorld) -> None:
    sent = client.send_email_notification("ada@example.com", world.live.templates["email"],
                                          personalisation={"name": "*Ada* [x](https://evil.example)"},
                                          sanitise_content_for=["name"], reference="py-email")
    assert sent["sanitised_content"]["name"]["unsanitised"] == "*Ada* [x](https://evil.example)"
    assert "evil" not in sent["content"]["body"] and "\\*Ada\\*" in sent["content"]["body"]
    data = b"name,amount\nAda,3\n"
    with_file = client.send_email_notification(
        "ada@example.com", world.live.templates["email"],
        personalisation={"name": prepare_upload(io.BytesIO(data), filename="amounts.csv",
                                                confirm_email_before_download=False)})
    [link] = re.findall(r"https?://[^\s,]+/d/[^\s,]+", with_file["content"]["body"])
    assert link.startswith(client_server.base_url)
    with urllib.request.urlopen(f"{link}/download", timeout=10) as response:
        assert (response.status, response.read()) == (200, data)
    assert wait_for(client, with_file["id"], {"delivered"})["status"] == "delivered"


def test_send_letter_and_get_its_pdf(client: NotificationsAPIClient, world: ClientWorld) -> None:
    sent = client.send_letter_notification(world.live.templates["letter"], {**ADDRESS, "name": "Ada"},
                                           reference="py-letter")
    assert sent["content"]["subject"] == "Letter Ada"
    found = wait_for(client, sent["id"], {"received"})
    assert (found["line_1"], found["postcode"], found["postage"]) == ("The Occupier", "SW1A 1AA", "second")
    assert found["estimated_delivery"] and found["cost_details"]["billable_sheets_of_paper"] == 1
    pdf = client.get_pdf_for_letter(sent["id"])
    page = read_pdf(pdf.read()).pages[0]
    text = page.extract_text()
    assert "Tax Office" in text and "The Occupier" in text and "Dear Ada" in text and "Page 1 of 1" in text
    assert client.get_template(world.live.templates["letter"])["letter_contact_block"] == world.contact_block


def test_a_ten_page_precompiled_letter_comes_back_byte_identical(client: NotificationsAPIClient) -> None:
    pdf = make_pdf(10)
    sent = client.send_precompiled_letter_notification("py-precompiled", io.BytesIO(pdf), postage="first")
    assert (sent["reference"], sent["postage"]) == ("py-precompiled", "first")
    assert client.get_pdf_for_letter(sent["id"]).read() == pdf
    found = wait_for(client, sent["id"], {"received"})
    assert found["cost_details"] == {"billable_sheets_of_paper": 5, "postage": "first"}


def test_listing_paging_and_received_texts(client: NotificationsAPIClient, world: ClientWorld) -> None:
    ids = [client.send_sms_notification("07700900123", world.live.templates["sms"], personalisation={"name": str(i)},
                                        reference="py-paging")["id"] for i in range(3)]
    page = client.get_all_notifications(reference="py-paging", template_type="sms", status="created")
    assert {n["id"] for n in page["notifications"]} <= set(ids)
    everything = list(client.get_all_notifications_iterator(reference="py-paging"))
    assert {n["id"] for n in everything} == set(ids)
    texts = client.get_received_texts()["received_text_messages"]
    assert [t["content"] for t in texts] == [world.received_text]
    assert [t["content"] for t in client.get_received_texts_iterator()] == [world.received_text]


def test_templates_and_preview(client: NotificationsAPIClient, world: ClientWorld) -> None:
    t = world.live.templates
    assert client.get_template(t["sms"])["body"] == "Hello ((name))"
    assert client.get_template_version(t["email"], 1)["subject"] == "Hi ((name))"
    assert {x["id"] for x in client.get_all_templates(template_type="letter")["templates"]} == {t["letter"]}
    assert len(client.get_all_templates()["templates"]) == 3
    preview = client.post_template_preview(t["email"], {"name": "Ada"})
    assert (preview["subject"], preview["body"]) == ("Hi Ada", "Dear Ada")


def test_error_shapes(client: NotificationsAPIClient, world: ClientWorld) -> None:
    t = world.live.templates
    error = refused(client.send_sms_notification, "07700900123", t["sms"])
    assert (error.status_code, error.message) == (400, [{"error": "BadRequestError",
                                                         "message": "Missing personalisation: name"}])
    error = refused(client.send_precompiled_letter_notification, "bad", io.BytesIO(b"not a pdf"))
    assert error.message == [{"error": "BadRequestError", "message": "Letter content is not a valid PDF"}]
    error = refused(client.send_precompiled_letter_notification, "bad", io.BytesIO(make_pdf(1)), postage="third")
    assert error.message[0]["error"] == "ValidationError"
    sms = client.send_sms_notification("07700900123", t["sms"], personalisation={"name": "x"})
    error = refused(client.get_pdf_for_letter, sms["id"])
    assert (error.status_code, error.message) == (400, [{"error": "BadRequestError",
                                                         "message": "Notification is not a letter"}])
    error = refused(client.get_notification_by_id, str(uuid4()))
    assert (error.status_code, error.message[0]["error"]) == (404, "NoResultFound")
    error = refused(client.get_template_version, t["sms"], 9)
    assert error.status_code == 404
    error = refused(client.get_all_template_versions, t["sms"])  # an admin path: a service key cannot use it
    assert error.status_code in (401, 403)
    error = refused(client.get, "/v2/no-such-route")
    assert (error.status_code, error.message[0]["error"]) == (404, "NoResultFound")
