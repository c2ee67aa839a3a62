"""axe-core on every kind of page a signed-in platform admin reaches (the flow tests check the pages they pass
through; this one visits the rest too), each answered as a page, never "not found" or an error."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from ..e2e.conftest import Server
from .conftest import check_accessibility, fill, submit
from .test_first_run import ADMIN, sign_in

pytestmark = pytest.mark.e2e


def _after(url: str, marker: str) -> str:
    return url.split(marker)[1].split("/")[0].split("?")[0]


def test_every_page_passes_the_accessibility_check(browser: WebDriver, server: Server) -> None:
    sign_in(browser, server)
    fill(browser, name="Every page")
    service = _after(browser.current_url, "/services/")
    base = f"{server.base_url}/admin-ui"
    browser.get(f"{base}/services/{service}/templates/new?type=email")
    fill(browser, name="Reminder", subject="Your tax", content="Hello ((name))")
    submit(browser, By.XPATH, "//button[@value='save']")
    template = _after(browser.current_url, "/templates/")
    browser.get(f"{base}/services/{service}/templates/{template}/send")
    fill(browser, recipient=ADMIN["email_address"], **{"field-0": "Ada"})
    notification = _after(browser.current_url, "/notifications/")
    in_service = ["dashboard", "activity", "team", "team/invite", "api-keys", "api-keys/new",
                  "templates", "templates/new?type=sms", "templates/new?type=email", f"templates/{template}",
                  f"templates/{template}/edit", f"templates/{template}/versions", f"templates/{template}/archive",
                  f"templates/{template}/send", f"templates/{template}/upload", f"notifications/{notification}",
                  "settings"]
    pages = ["", "dev/outbox", *(f"services/{service}/{page}" for page in in_service),
             "platform/services", "platform/organisations", "platform/users", "platform/providers",
             "platform/usage"]
    for page in pages:
        browser.get(f"{base}/{page}")
        title = browser.title
        assert "Page not found" not in title and "rror" not in title.split("–")[0], (page, title)
        check_accessibility(browser)
    submit(browser, By.XPATH, "//button[text()='Sign out']")
    for page in ["sign-in", "forgot-password"]:
        browser.get(f"{base}/{page}")
        check_accessibility(browser)
