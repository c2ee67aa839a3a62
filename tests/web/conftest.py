"""The web pages in process: a test platform (fake providers, deliveries done before a send returns) with the
pages mounted, and a browser-like client that keeps cookies and fills in each form's CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import attrs
import falcon
import falcon.testing
import pytest

from notify.adapters.uploads.memory import InMemoryUploadStore
from notify.embedded import Platform
from notify.entrypoints import web
from notify.entrypoints.http import create_app
from notify.testing import ADMIN_SECRET
from notify.testing.platform import build_test_platform

ADMIN = {"name": "Ada Admin", "email_address": "ada@example.gov.uk", "password": "correct horse battery"}


class Browser:
    """Follows no redirects by itself (tests look at each step); sends cookies back as a browser would."""

    def __init__(self, app: falcon.App) -> None:  # type: ignore[type-arg]
        self.client = falcon.testing.TestClient(app)
        self.cookies: dict[str, str] = {}
        self.page = ""

    def _remember(self, result: falcon.testing.Result) -> falcon.testing.Result:
        for name, cookie in result.cookies.items():
            self.cookies[name] = cookie.value
        self.page = result.text
        return result

    def get(self, path: str) -> falcon.testing.Result:
        return self._remember(self.client.simulate_get(path, cookies=self.cookies))

    def post(self, path: str, form: dict[str, str], *, csrf: bool = True,
             headers: dict[str, str] | None = None) -> falcon.testing.Result:
        data = dict(form)
        if csrf:
            data["csrf_token"] = self.csrf_token()
        return self._remember(self.client.simulate_post(
            path, cookies=self.cookies, body="&".join(f"{k}={_quote(v)}" for k, v in data.items()),
            headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}))

    def csrf_token(self) -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', self.page)
        assert found, "the page has no form"
        return unescape(found.group(1))


def _quote(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)


@pytest.fixture
def platform() -> Iterator[Platform]:
    with build_test_platform() as platform:
        yield platform


@pytest.fixture
def app(platform: Platform) -> falcon.App:  # type: ignore[type-arg]
    core = attrs.evolve(platform.core, uploads=InMemoryUploadStore())  # jobs stay pending: none is run here
    app = create_app(core)
    web.mount(app, core, secret=ADMIN_SECRET, outbox=lambda: platform.outbox)
    return app


@pytest.fixture
def browser(app: falcon.App) -> Browser:  # type: ignore[type-arg]
    return Browser(app)


def last_link(platform: Platform) -> str:
    """The sign-in link last emailed (its path under the pages)."""
    found = re.search(r"(/admin-ui/email-auth/[0-9a-f-]+/[^\s)\]]+)", platform.outbox[-1].content)
    assert found, platform.outbox[-1].content
    return found.group(1)


def set_up_and_sign_in(browser: Browser, platform: Platform) -> None:
    link = f"/admin-ui/set-up/{web.setup_token(ADMIN_SECRET)}"
    browser.get(link)
    assert browser.post(link, ADMIN).status_code == 303
    sign_in(browser, platform, ADMIN["email_address"], ADMIN["password"])


def sign_in(browser: Browser, platform: Platform, email_address: str, password: str) -> None:
    browser.get("/admin-ui/sign-in")
    browser.post("/admin-ui/sign-in", {"email_address": email_address, "password": password})
    link = last_link(platform)
    browser.get(link)
    result = browser.post(link, {})
    assert result.status_code == 303 and result.headers["location"].endswith("/admin-ui/"), result.text


@pytest.fixture
def signed_in(browser: Browser, platform: Platform) -> Browser:
    set_up_and_sign_in(browser, platform)
    return browser


def values(**fields: Any) -> dict[str, str]:
    return {k: str(v) for k, v in fields.items()}
