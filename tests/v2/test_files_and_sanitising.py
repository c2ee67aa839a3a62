"""Email sends: `sanitise_content_for` (values shown as typed) and files sent by email (a link to our download
page, the confirm-your-email step, expiry, Notify's limits and messages)."""

from __future__ import annotations

import base64
import re
from typing import Any

import falcon
import pytest

from ..pdfs import make_pdf
from .conftest import ApiClient, World

SEND_FILES_URL = "https://www.notifications.service.gov.uk/services/{}/service-settings/send-files-by-email"


def send_email(world: World, api: ApiClient, name: Any, **more: Any) -> Any:
    return api.post("/v2/notifications/email", json={"email_address": "ada@example.com",
                                                     "template_id": str(world.email.id),
                                                     "personalisation": {"name": name}, **more})


def errors(result: Any) -> list[dict[str, str]]:
    found: list[dict[str, str]] = result.json["errors"]
    return found


def file_value(data: bytes, **more: Any) -> dict[str, Any]:
    return {"file": base64.b64encode(data).decode(), **more}


@pytest.fixture
def files_world(world: World) -> World:
    world.update_service(permissions=world.service.permissions | {"upload_document"},
                         contact_link="https://example.gov.uk/contact")
    return world


# -- sanitise_content_for --------------------------------------------------------------------------------

def test_named_values_are_escaped_and_listed(world: World, api: ApiClient) -> None:
    typed = "[click here](https://evil.example/x) *now* www.example.com"
    result = send_email(world, api, typed, sanitise_content_for=["Name"])
    assert result.status_code == 201, result.json
    sanitised = result.json["sanitised_content"]["name"]["sanitised"]
    assert result.json["sanitised_content"] == {"name": {"unsanitised": typed, "sanitised": sanitised}}
    assert "https://" not in sanitised and "\\*now\\*" in sanitised and "\\[click here\\]" in sanitised
    assert "evil" not in sanitised
    assert result.json["content"]["body"] == f"Dear {sanitised}, hello"


def test_values_not_named_or_unchanged_are_left_alone(world: World, api: ApiClient) -> None:
    result = send_email(world, api, "*bold*", sanitise_content_for=["other"])
    assert (result.json["sanitised_content"], result.json["content"]["body"]) == ({}, "Dear *bold*, hello")
    plain = send_email(world, api, "Ada", sanitise_content_for=["name"])
    assert plain.json["sanitised_content"] == {}


# -- files by email ----------------------------------------------------------------------------------------

def test_a_file_becomes_a_link_to_the_download_page_that_asks_for_the_email_address(
        files_world: World, api: ApiClient) -> None:
    pdf = make_pdf(1)
    result = send_email(files_world, api, file_value(pdf, filename="report.pdf"))
    assert result.status_code == 201, result.json
    [link] = re.findall(r"https?://[^\s,]+/d/[^\s,]+", result.json["content"]["body"])
    path = link.split("://", 1)[1].split("/", 1)[1]
    raw = falcon.testing.TestClient(files_world.app)
    page = raw.simulate_get(f"/{path}")
    assert page.status_code == 200 and "Confirm your email address" in page.text
    wrong = raw.simulate_post(f"/{path}", body="email_address=someone%40example.com",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert wrong.status_code == 400 and "not the email address" in wrong.text
    right = raw.simulate_post(f"/{path}", body="email_address=ADA%40example.com",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert right.status_code == 200
    assert right.content == pdf
    assert "report.pdf" in right.headers["content-disposition"]
    assert raw.simulate_get(f"/{path}/download").status_code == 303  # no way round the confirmation


def test_without_confirmation_the_file_downloads_until_its_retention_ends(files_world: World,
                                                                         api: ApiClient) -> None:
    data = b"name,amount\nAda,3\n"
    result = send_email(files_world, api, file_value(data, filename="data.csv", confirm_email_before_download=False,
                                                     retention_period="1 week"))
    [link] = re.findall(r"https?://[^\s,]+/d/[^\s,]+", result.json["content"]["body"])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    raw = falcon.testing.TestClient(files_world.app)
    assert "Download this file" in raw.simulate_get(path).text
    download = raw.simulate_get(f"{path}/download")
    assert (download.status_code, download.content, download.headers["content-type"]) == (200, data, "text/csv")
    files_world.clock.advance(days=8)
    assert raw.simulate_get(path).status_code == 410
    assert raw.simulate_get(f"{path}/download").status_code == 404  # expired files are deleted


@pytest.mark.parametrize(("value", "message"), [
    ({"file": "not base64!"}, "Document is not base64 encoded"),
    (file_value(b"\x00\x01binary\xff"), "Unsupported file type 'application/octet-stream'. Supported types are: "),
    (file_value(make_pdf(1), filename="x" * 101 + ".pdf"), "`filename` cannot be longer than 100 characters"),
    (file_value(make_pdf(1), filename="report"), "`filename` must end with a file extension. For example, "
                                                 "filename.csv"),
    (file_value(make_pdf(1), retention_period="79 weeks"),
     "Unsupported value for retention_period '79 weeks'. Supported periods are from 1 to 78 weeks."),
    (file_value(make_pdf(1), confirm_email_before_download="yes"),
     "Unsupported value for confirm_email_before_download: 'yes'. Use a boolean true or false value."),
    (file_value(b"a" * (2 * 1024 * 1024 + 1)), "File is larger than 2MB"),
])
def test_bad_files_are_refused_with_notifys_messages(files_world: World, api: ApiClient, value: dict[str, Any],
                                                     message: str) -> None:
    result = send_email(files_world, api, value)
    assert result.status_code == 400
    [error] = errors(result)
    assert error["error"] == "BadRequestError" and error["message"].startswith(message)


def test_files_need_the_permission_a_contact_link_and_an_email(world: World, api: ApiClient) -> None:
    value = file_value(make_pdf(1))
    assert errors(send_email(world, api, value))[0]["message"] == "Service is not allowed to send documents"
    world.update_service(permissions=world.service.permissions | {"upload_document"})
    assert errors(send_email(world, api, value))[0]["message"] == \
        "Send files by email has not been set up - add contact details for your service at " + \
        SEND_FILES_URL.format(world.service.id)
    world.update_service(contact_link="https://example.gov.uk/contact")
    sms = api.post("/v2/notifications/sms", json={"phone_number": "07700900555", "template_id": str(world.sms.id),
                                                  "personalisation": {"name": value}})
    assert errors(sms)[0]["message"] == "Can only send a file by email"
