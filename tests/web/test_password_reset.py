"""Forgotten password: an emailed link, used once, sets a new password, unlocks the account and ends the
session; an unknown address gets the same page and no email."""

from __future__ import annotations

import re

from notify.embedded import Platform
from notify.usecases.app import DEFAULT_PUBLIC_URL

from .conftest import ADMIN, Browser, sign_in


def ask_for_link(browser: Browser, email_address: str) -> str:
    browser.get("/admin-ui/forgot-password")
    result = browser.post("/admin-ui/forgot-password", {"email_address": email_address})
    assert result.status_code == 200 and "Check your email" in result.text
    return result.text


def test_a_reset_link_sets_a_new_password_once(signed_in: Browser, platform: Platform) -> None:
    old_session = dict(signed_in.cookies)
    platform.core.clock.advance(minutes=1)  # type: ignore[attr-defined]
    ask_for_link(signed_in, ADMIN["email_address"])
    found = re.search(r"https?://[^/\s]+(/admin-ui/new-password/[^\s)]+)", platform.outbox[-1].content)
    assert found, platform.outbox[-1].content
    link = found.group(1)
    assert signed_in.get(link).status_code == 200
    assert signed_in.post(link, {"password": "short"}).status_code == 400
    platform.core.clock.advance(minutes=1)  # type: ignore[attr-defined]
    assert signed_in.post(link, {"password": "a brand new password"}).status_code == 303
    assert signed_in.get(link).status_code == 404  # used
    signed_in.cookies = old_session
    assert signed_in.get("/admin-ui/").status_code == 303  # the old session ended
    sign_in(signed_in, platform, ADMIN["email_address"], "a brand new password")  # password, then the code
    assert "Your services" in signed_in.get("/admin-ui/").text


def test_an_unknown_address_gets_the_same_page_and_no_email(browser: Browser, platform: Platform) -> None:
    ask_for_link(browser, "nobody@example.gov.uk")
    assert platform.outbox == []
    browser.get("/admin-ui/forgot-password")
    assert browser.post("/admin-ui/forgot-password", {"email_address": ""}).status_code == 400


def test_a_forged_link_is_not_found(browser: Browser) -> None:
    assert browser.get("/admin-ui/new-password/forged").status_code == 404


def test_the_emailed_link_points_at_the_configured_address_whatever_host_the_request_names(
        signed_in: Browser, platform: Platform) -> None:
    platform.core.clock.advance(minutes=1)  # type: ignore[attr-defined]
    signed_in.get("/admin-ui/forgot-password")
    forged = signed_in.post("/admin-ui/forgot-password", {"email_address": ADMIN["email_address"]},
                          headers={"Host": "attacker.example"})
    assert forged.status_code == 200
    content = platform.outbox[-1].content
    assert f"{DEFAULT_PUBLIC_URL}/admin-ui/new-password/" in content and "attacker.example" not in content
