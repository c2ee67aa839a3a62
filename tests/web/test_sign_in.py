"""First run, sign in with a password and an emailed code, sessions, sign out, lockout."""

from __future__ import annotations

import re

import falcon

from notify.domain.constants import AuthType
from notify.embedded import Platform
from notify.entrypoints.http import create_app
from notify.entrypoints import web
from notify.testing import ADMIN_SECRET

from .conftest import ADMIN, Browser, last_link, set_up_and_sign_in, sign_in

SET_UP = f"/admin-ui/set-up/{web.setup_token(ADMIN_SECRET)}"


def test_the_pages_need_a_signed_in_user(browser: Browser) -> None:
    result = browser.get("/admin-ui/")
    assert result.status_code == 303 and result.headers["location"].endswith("/admin-ui/sign-in")


def test_first_run_creates_an_admin_who_signs_in_with_an_emailed_link(browser: Browser, platform: Platform) -> None:
    set_up_and_sign_in(browser, platform)
    home = browser.get("/admin-ui/")
    assert home.status_code == 200 and "Ada Admin" in home.text and "Your services" in home.text
    code_email = platform.outbox[-1]
    assert code_email.to == ADMIN["email_address"] and code_email.details["subject"] == "Sign in to Notify"


def test_the_set_up_link_works_once_and_only_with_its_token(browser: Browser, platform: Platform) -> None:
    assert browser.get("/admin-ui/set-up/not-the-token").status_code == 404
    set_up_and_sign_in(browser, platform)
    assert browser.get(SET_UP).status_code == 404


def test_set_up_shows_each_problem(browser: Browser) -> None:
    browser.get(SET_UP)
    result = browser.post(SET_UP, {"name": "", "email_address": "not-an-address", "password": "short"})
    assert result.status_code == 400
    assert "There is a problem" in result.text and "Enter your name" in result.text
    assert "at least 8 characters" in result.text


def test_every_form_needs_its_csrf_token(browser: Browser) -> None:
    browser.get(SET_UP)
    assert browser.post(SET_UP, ADMIN, csrf=False).status_code == 403
    assert browser.post(SET_UP, {**ADMIN, "csrf_token": "forged"}, csrf=False).status_code == 403


def test_a_wrong_password_sends_no_code_and_says_nothing_about_the_account(browser: Browser,
                                                                          platform: Platform) -> None:
    browser.get(SET_UP)
    browser.post(SET_UP, ADMIN)
    browser.get("/admin-ui/sign-in")
    wrong = browser.post("/admin-ui/sign-in", {"email_address": ADMIN["email_address"], "password": "nope"})
    browser.get("/admin-ui/sign-in")
    unknown = browser.post("/admin-ui/sign-in", {"email_address": "who@example.gov.uk", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 400
    assert "incorrect" in wrong.text and "incorrect" in unknown.text
    assert platform.outbox == []


def test_a_wrong_code_is_refused_and_ten_failures_lock_the_account(browser: Browser, platform: Platform) -> None:
    browser.get(SET_UP)
    browser.post(SET_UP, ADMIN)
    browser.get("/admin-ui/sign-in")
    browser.post("/admin-ui/sign-in", {"email_address": ADMIN["email_address"], "password": ADMIN["password"]})
    link = last_link(platform)
    wrong = link.rsplit("/", 1)[0] + "/not-the-code"
    browser.get(wrong)
    for _ in range(10):
        result = browser.post(wrong, {})
        assert result.status_code == 400 and "Code not found" in result.text
    browser.get(link)
    locked = browser.post(link, {})
    assert locked.status_code == 400 and "Code not found" in locked.text
    browser.get("/admin-ui/sign-in")
    again = browser.post("/admin-ui/sign-in", {"email_address": ADMIN["email_address"], "password": ADMIN["password"]})
    assert again.status_code == 400


def test_signing_out_ends_the_session_even_for_a_copied_cookie(signed_in: Browser) -> None:
    copied = dict(signed_in.cookies)
    signed_in.get("/admin-ui/")
    assert signed_in.post("/admin-ui/sign-out", {}).status_code == 303
    signed_in.cookies = copied
    assert signed_in.get("/admin-ui/").status_code == 303


def test_a_tampered_session_cookie_is_no_session(signed_in: Browser) -> None:
    signed_in.cookies["notify_session"] = signed_in.cookies["notify_session"].replace(".", "x.", 1)
    assert signed_in.get("/admin-ui/").status_code == 303


def test_pages_are_sent_with_strict_headers_and_cookie_flags(browser: Browser) -> None:
    result = browser.get("/admin-ui/sign-in")
    assert "default-src 'none'" in result.headers["content-security-policy"]
    assert "script-src" not in result.headers["content-security-policy"]
    cookie = result.cookies["notify_session"]
    assert cookie.http_only and cookie.same_site == "Lax"


def test_the_stylesheet_is_served_from_the_package(browser: Browser) -> None:
    result = browser.get("/admin-ui/static/app.css")
    assert result.status_code == 200 and result.headers["content-type"].startswith("text/css")
    assert browser.get("/admin-ui/static/..%2Fpages.py").status_code == 404
    assert browser.get("/admin-ui/static/missing.css").status_code == 404


def test_the_development_outbox_shows_the_fakes_messages_to_a_platform_admin_only(
        signed_in: Browser, platform: Platform, app: falcon.App) -> None:  # type: ignore[type-arg]
    page = signed_in.get("/admin-ui/dev/outbox")
    assert page.status_code == 200 and "/admin-ui/email-auth/" in page.text
    anyone = Browser(app)
    assert anyone.get("/admin-ui/dev/outbox").status_code == 404
    platform.create_user(name="Member", email_address="member@example.gov.uk", password="a long password")
    sign_in(anyone, platform, "member@example.gov.uk", "a long password")
    assert anyone.get("/admin-ui/dev/outbox").status_code == 404


def test_the_development_outbox_is_open_to_anyone_when_the_server_says_so(platform: Platform) -> None:
    app = create_app(platform.core)
    web.mount(app, platform.core, secret=ADMIN_SECRET, outbox=lambda: platform.outbox, outbox_open=True)
    assert Browser(app).get("/admin-ui/dev/outbox").status_code == 200


def test_a_user_who_chose_text_messages_signs_in_with_a_texted_code(signed_in: Browser, platform: Platform,
                                                                    app: falcon.App) -> None:  # type: ignore[type-arg]
    platform.create_user(name="Tex", email_address="tex@example.gov.uk", password="a long password",
                         mobile_number="07700900321", auth_type=AuthType.SMS)
    tex = Browser(app)
    tex.get("/admin-ui/sign-in")
    sent = tex.post("/admin-ui/sign-in", {"email_address": "tex@example.gov.uk", "password": "a long password"})
    assert sent.status_code == 303 and sent.headers["location"].endswith("/admin-ui/sign-in/code")
    [text] = [m for m in platform.outbox if m.to == "447700900321"]
    found = re.search(r"(\d{5}) is your Notify security code", text.content)
    assert found
    tex.get("/admin-ui/sign-in/code")
    assert "Code not found" in tex.post("/admin-ui/sign-in/code", {"code": "x" + found.group(1)}).text
    done = tex.post("/admin-ui/sign-in/code", {"code": found.group(1)})
    assert done.status_code == 303 and "Your services" in tex.get("/admin-ui/").text
