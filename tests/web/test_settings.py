"""A service's settings page: each form keeps its setting (shown back on the page, and in the store), a refusal
is shown against its field, the callback's token is never shown back, and only members who may manage
settings reach it (another service's settings are not found)."""

from __future__ import annotations

import re
from uuid import UUID

from notify.domain.constants import CallbackType, NotificationType
from notify.embedded import Platform
from notify.usecases import callback_apis, data_retention, letter_contacts, senders, services

from .conftest import Browser, sign_in
from .test_templates import new_service

TOKEN = "a-very-secret-token"


def settings(browser: Browser, service_id: str) -> str:
    page = browser.get(f"/admin-ui/services/{service_id}/settings")
    assert page.status_code == 200, page.text[-500:]
    return page.text


def change(browser: Browser, service_id: str, section: str, form: dict[str, str]) -> str:
    settings(browser, service_id)
    result = browser.post(f"/admin-ui/services/{service_id}/settings/{section}", form)
    assert result.status_code == 303, result.text[-800:]
    assert result.headers["location"].endswith(f"/services/{service_id}/settings")
    return settings(browser, service_id)


def test_each_setting_is_kept_and_shown_back(signed_in: Browser, platform: Platform) -> None:
    service_id = new_service(signed_in)
    service = UUID(service_id)
    page = change(signed_in, service_id, "name", {"name": "Tax letters"})
    assert "Service name changed" in page and 'value="Tax letters"' in page
    page = change(signed_in, service_id, "sms-sender", {"sms_sender": "HMRC", "sms_sender_default": "yes"})
    assert re.search(r'id="sms-senders">.*HMRC <span class="tag">default', page, re.S)
    change(signed_in, service_id, "reply-to", {"email_address": "replies@example.gov.uk"})
    change(signed_in, service_id, "letter-contact", {"contact_block": "HM Revenue\nLondon"})
    page = change(signed_in, service_id, "delivery-status",
                  {"delivery-status-url": "https://example.gov.uk/receipts", "delivery-status-bearer_token": TOKEN})
    assert "Posted to https://example.gov.uk/receipts" in page and TOKEN not in page
    change(signed_in, service_id, "retention", {"retention-email": "30", "retention-sms": "", "retention-letter": ""})
    page = change(signed_in, service_id, "retention", {"retention-email": "60", "retention-sms": "",
                                                       "retention-letter": ""})
    assert 'id="retention-email" name="retention-email" type="text" value="60"' in page
    page = change(signed_in, service_id, "limits", {"rate_limit": "1000", "email_message_limit": "5000",
                                                    "sms_message_limit": "999", "letter_message_limit": "20",
                                                    "international_sms_message_limit": "10"})
    page = change(signed_in, service_id, "go-live", {"live": "yes"})
    assert re.search(r'id="status">This service is <strong class="tag">live', page)

    kept = services.get_service(platform.core, service)
    assert (kept.name, kept.restricted, kept.rate_limit, kept.sms_message_limit) == ("Tax letters", False, 1000, 999)
    assert kept.go_live_user_id is not None
    assert sorted((s.sms_sender, s.is_default) for s in senders.list_sms_senders(platform.core, service)) == [
        ("GOVUK", False), ("HMRC", True)]
    assert [r.email_address for r in senders.list_reply_tos(platform.core, service)] == ["replies@example.gov.uk"]
    assert [c.contact_block for c in letter_contacts.list_letter_contacts(platform.core, service)] == [
        "HM Revenue\nLondon"]
    callback = callback_apis.find_cached(platform.core, service, CallbackType.DELIVERY_STATUS)
    assert callback is not None and callback.bearer_token == TOKEN
    assert [(r.retention.notification_type, r.retention.days_of_retention)
            for r in data_retention.list_retention(platform.core, service)] == [(NotificationType.EMAIL, 60)]


def test_an_empty_token_keeps_the_stored_one_and_a_bad_url_is_shown_against_its_field(signed_in: Browser,
                                                                                     platform: Platform) -> None:
    service_id = new_service(signed_in)
    change(signed_in, service_id, "inbound-sms", {"inbound-sms-url": "https://example.gov.uk/in",
                                                  "inbound-sms-bearer_token": TOKEN})
    change(signed_in, service_id, "inbound-sms", {"inbound-sms-url": "https://example.gov.uk/in2",
                                                  "inbound-sms-bearer_token": ""})
    callback = callback_apis.find_cached(platform.core, UUID(service_id), CallbackType.INBOUND_SMS)
    assert callback is not None and (callback.url, callback.bearer_token) == ("https://example.gov.uk/in2", TOKEN)
    refused = signed_in.post(f"/admin-ui/services/{service_id}/settings/inbound-sms",
                             {"inbound-sms-url": "http://plain.example", "inbound-sms-bearer_token": "short"})
    assert refused.status_code == 400 and 'href="#inbound-sms-url"' in refused.text
    short = signed_in.post(f"/admin-ui/services/{service_id}/settings/inbound-sms",
                           {"inbound-sms-url": "https://example.gov.uk/in3", "inbound-sms-bearer_token": "short-tok"})
    assert short.status_code == 400 and 'href="#inbound-sms-bearer_token"' in short.text
    assert "short-tok" not in short.text  # a token typed is never put back in the page
    blank = signed_in.post(f"/admin-ui/services/{service_id}/settings/name", {"name": " "})
    assert blank.status_code == 400 and "Enter a service name" in blank.text
    number = signed_in.post(f"/admin-ui/services/{service_id}/settings/retention", {"retention-sms": "x"})
    assert number.status_code == 400 and 'href="#retention-sms"' in number.text


def test_a_member_without_the_permission_is_refused_and_an_outsider_finds_nothing(signed_in: Browser,
                                                                                platform: Platform) -> None:
    service_id = new_service(signed_in)
    member = platform.create_user(name="Member", email_address="member@example.gov.uk", password="a long password")
    services.add_user_to_service(platform.core, UUID(service_id), member.id, permissions=["view_activity"])
    owner = platform.create_user(name="Other", email_address="other@example.gov.uk", password="a long password")
    other = platform.create_service(name="Someone else's", owner=owner)
    signed_in.get("/admin-ui/")
    signed_in.post("/admin-ui/sign-out", {})
    sign_in(signed_in, platform, "member@example.gov.uk", "a long password")
    refused = signed_in.get(f"/admin-ui/services/{service_id}/settings")
    assert refused.status_code == 403 and "Tax reminders" not in refused.text
    assert "<h1>You cannot do that</h1>" in refused.text and "You do not have permission" in refused.text
    signed_in.get("/admin-ui/")
    assert signed_in.post(f"/admin-ui/services/{service_id}/settings/name", {"name": "Mine"}).status_code == 403
    assert services.get_service(platform.core, UUID(service_id)).name == "Tax reminders"
    assert signed_in.get(f"/admin-ui/services/{other.id}/settings").status_code == 404


def test_limits_and_going_live_are_for_platform_admins_only(signed_in: Browser, platform: Platform) -> None:
    member = platform.create_user(name="Manager", email_address="manager@example.gov.uk", password="a long password")
    service = platform.create_service(name="Their own", owner=member)
    signed_in.get("/admin-ui/")
    signed_in.post("/admin-ui/sign-out", {})
    sign_in(signed_in, platform, "manager@example.gov.uk", "a long password")
    page = settings(signed_in, str(service.id))
    assert "in trial mode" in page and "Make it live" not in page and 'id="limits"' in page
    for section in ("go-live", "limits"):
        assert signed_in.post(f"/admin-ui/services/{service.id}/settings/{section}",
                              {"live": "yes", "rate_limit": "1"}).status_code == 404
    assert services.get_service(platform.core, service.id).restricted
    settings(signed_in, str(service.id))
    asked = signed_in.post(f"/admin-ui/services/{service.id}/settings/request-go-live", {})
    assert asked.status_code == 303
    page = settings(signed_in, str(service.id))
    assert "A request to go live is open" in page and "Ask to go live" not in page
    requested = services.get_service(platform.core, service.id)
    assert requested.restricted and requested.go_live_user_id == member.id

    signed_in.post("/admin-ui/sign-out", {})
    sign_in(signed_in, platform, "ada@example.gov.uk", "correct horse battery")
    assert "Their own</a></td>\n      <td></td>\n      <td>trial, asked to go live" in signed_in.get(
        "/admin-ui/platform/services").text
    change(signed_in, str(service.id), "go-live", {"live": "yes"})
    live = services.get_service(platform.core, service.id)
    assert not live.restricted and live.go_live_user_id == member.id and live.go_live_at is not None


def test_senders_addresses_and_contact_blocks_made_default_or_removed(signed_in: Browser, platform: Platform) -> None:
    service_id = new_service(signed_in)
    service = UUID(service_id)
    change(signed_in, service_id, "sms-sender", {"sms_sender": "HMRC"})
    hmrc = next(s for s in senders.list_sms_senders(platform.core, service) if s.sms_sender == "HMRC")
    page = change(signed_in, service_id, "sms-sender-default", {"id": str(hmrc.id)})
    assert "Text message sender HMRC is the default" in page
    govuk = next(s for s in senders.list_sms_senders(platform.core, service) if s.sms_sender == "GOVUK")
    change(signed_in, service_id, "sms-sender-remove", {"id": str(govuk.id)})
    assert [s.sms_sender for s in senders.list_sms_senders(platform.core, service) if not s.archived] == ["HMRC"]
    refused = signed_in.post(f"/admin-ui/services/{service_id}/settings/sms-sender-remove", {"id": str(hmrc.id)})
    assert refused.status_code == 400 and "You cannot delete a default sms sender" in refused.text

    for section, field, listed in (
            ("reply-to", "email_address", lambda: [(r.id, r.email_address, r.is_default, r.archived)
                                                   for r in senders.list_reply_tos(platform.core, service)]),
            ("letter-contact", "contact_block", lambda: [
                (c.id, c.contact_block, c.is_default, c.archived)
                for c in letter_contacts.list_letter_contacts(platform.core, service)])):
        change(signed_in, service_id, section, {field: "one@example.gov.uk"})
        change(signed_in, service_id, section, {field: "two@example.gov.uk"})
        ids = {text: item_id for item_id, text, _, _ in listed()}
        change(signed_in, service_id, f"{section}-default", {"id": str(ids["two@example.gov.uk"])})
        change(signed_in, service_id, f"{section}-remove", {"id": str(ids["one@example.gov.uk"])})
        assert [(text, default) for _, text, default, archived in listed() if not archived] == [
            ("two@example.gov.uk", True)], section

    change(signed_in, service_id, "delivery-status", {"delivery-status-url": "https://example.gov.uk/r",
                                                      "delivery-status-bearer_token": TOKEN})
    page = change(signed_in, service_id, "delivery-status-remove", {})
    assert "Delivery receipts callback removed" in page
    assert callback_apis.find_cached(platform.core, service, CallbackType.DELIVERY_STATUS) is None


def test_another_services_sender_is_not_found(signed_in: Browser, platform: Platform) -> None:
    mine = new_service(signed_in, "Mine")
    owner = platform.create_user(name="Other", email_address="other@example.gov.uk", password="a long password")
    other = platform.create_service(name="Someone else's", owner=owner)
    theirs = senders.add_sms_sender(platform.core, other.id, sms_sender="THEIRS", is_default=False)
    settings(signed_in, mine)
    for section in ("sms-sender-default", "sms-sender-remove"):
        result = signed_in.post(f"/admin-ui/services/{mine}/settings/{section}", {"id": str(theirs.id)})
        assert result.status_code == 404
    assert not senders.get_sms_sender(platform.core, other.id, theirs.id).archived
    assert signed_in.post(f"/admin-ui/services/{mine}/settings/sms-sender-remove", {"id": "x"}).status_code == 404
