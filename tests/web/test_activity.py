"""A service's activity page: its messages newest first with their status, filtered by channel and status,
searched by recipient or reference (posted: the term never goes in the address), each linked to its page."""

from __future__ import annotations

import re
from uuid import UUID

from notify.domain.constants import NotificationStatus, NotificationType
from notify.embedded import Platform
from tests import factories

from .conftest import Browser
from .test_sending import send
from .test_templates import new_service, new_template


def rows(page: str) -> list[str]:
    return re.findall(r"<tr><td><a href=[^>]*>([^<]*)</a>", page)


def test_messages_are_listed_filtered_and_searched(signed_in: Browser, platform: Platform) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id, "email", subject="Your tax")
    page = send(signed_in, service_id, template_id, {"recipient": "ada@example.gov.uk", "field-0": "A", "field-1": "B"})
    factories.store_notification(platform.core, UUID(service_id), template_id=UUID(template_id),
                                 notification_type=NotificationType.EMAIL, to="bob@example.gov.uk",
                                 normalised_to="bob@example.gov.uk", client_reference="invoice-42",
                                 status=NotificationStatus.PERMANENT_FAILURE)
    path = f"/admin-ui/services/{service_id}/activity"
    listed = signed_in.get(path)
    assert listed.status_code == 200 and sorted(rows(listed.text)) == ["ada@example.gov.uk", "bob@example.gov.uk"]
    assert page.removeprefix("http://falconframework.org") in listed.text and ">delivered<" in listed.text
    assert rows(signed_in.get(path + "?status=failed").text) == ["bob@example.gov.uk"]
    assert rows(signed_in.get(path + "?status=delivered&channel=email").text) == ["ada@example.gov.uk"]
    assert "No messages found" in signed_in.get(path + "?channel=sms").text
    searched = signed_in.post(path, {"search": " ADA@example.gov.uk ", "channel": "", "status": ""})
    assert searched.status_code == 200 and rows(searched.text) == ["ada@example.gov.uk"]
    signed_in.get(path)
    assert rows(signed_in.post(path, {"search": "invoice-4", "channel": "email", "status": ""}).text) == [
        "bob@example.gov.uk"]
    signed_in.get(path)
    assert signed_in.post(path, {"search": "ada"}, csrf=False).status_code == 403
