"""Sending one message from a template and seeing its status."""

from __future__ import annotations

import re
from uuid import UUID

from notify.embedded import Platform

from .conftest import Browser
from .test_templates import new_service, new_template


def send(browser: Browser, service_id: str, template_id: str, form: dict[str, str]) -> str:
    path = f"/admin-ui/services/{service_id}/templates/{template_id}/send"
    browser.get(path)
    result = browser.post(path, form)
    assert result.status_code == 303, result.text
    return str(result.headers["location"])


def test_one_email_is_sent_with_its_personalisation_and_shown_delivered(signed_in: Browser,
                                                                         platform: Platform) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id, "email", subject="Your tax")
    page = send(signed_in, service_id, template_id,
                {"recipient": "ada@example.gov.uk", "field-0": "Ada", "field-1": "Friday"})
    sent = platform.outbox[-1]
    assert sent.to == "ada@example.gov.uk" and "Hello Ada, pay by Friday" in sent.content
    status = signed_in.get(page.removeprefix("http://falconframework.org"))
    assert status.status_code == 200 and "ada@example.gov.uk" in status.text
    assert re.search(r'id="status">(delivered|sending)<', status.text)


def test_a_text_message_to_a_bad_number_shows_the_problem(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id)
    path = f"/admin-ui/services/{service_id}/templates/{template_id}/send"
    signed_in.get(path)
    missing = signed_in.post(path, {"recipient": "", "field-0": "", "field-1": "x"})
    assert missing.status_code == 400 and "Enter mobile number" in missing.text and "Enter name" in missing.text
    bad = signed_in.post(path, {"recipient": "not a number", "field-0": "Ada", "field-1": "x"})
    assert bad.status_code == 400 and "There is a problem" in bad.text


def test_a_letter_takes_its_address_lines(signed_in: Browser, platform: Platform) -> None:
    service_id = new_service(signed_in)
    platform.update_service(UUID(service_id), restricted=False)
    template_id = new_template(signed_in, service_id, "letter", subject="Your tax")
    page = send(signed_in, service_id, template_id, {
        "address_line_1": "Ada Lovelace", "address_line_2": "1 High Street", "address_line_3": "SW1A 1AA",
        "field-0": "Ada", "field-1": "Friday"})
    assert "letter" in signed_in.get(page.removeprefix("http://falconframework.org")).text


def test_another_services_message_is_not_found(signed_in: Browser) -> None:
    service_id = new_service(signed_in)
    other = new_service(signed_in, "Other")
    template_id = new_template(signed_in, service_id, "email", subject="Your tax")
    page = send(signed_in, service_id, template_id,
                {"recipient": "ada@example.gov.uk", "field-0": "Ada", "field-1": "Friday"})
    notification_id = page.rsplit("/", 1)[-1]
    assert signed_in.get(f"/admin-ui/services/{other}/notifications/{notification_id}").status_code == 404
