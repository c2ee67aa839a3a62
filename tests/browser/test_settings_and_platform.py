"""A service's settings and the platform admin's pages in a real browser: a setting changed and kept, a team
member without the permission refused, a provider's priority changed by the platform admin; every page
checked with axe-core and the main ones photographed for the README."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from ..e2e.conftest import Server, admin_client
from .conftest import check_accessibility, fill, follow_sign_in_link, screenshot, submit, visit
from .test_first_run import sign_in

pytestmark = pytest.mark.e2e

MEMBER = {"name": "Bea Member", "email_address": "bea@example.gov.uk", "password": "a long enough password"}


def test_a_setting_is_kept_and_a_member_without_the_permission_is_refused(browser: WebDriver,
                                                                          server: Server) -> None:
    sign_in(browser, server)
    fill(browser, name="Tax reminders")
    service_id = browser.current_url.split("/services/")[1].split("/")[0]
    submit(browser, By.LINK_TEXT, "Settings")
    check_accessibility(browser)
    fill(browser, name="Tax letters")
    assert browser.find_element(By.ID, "done").text == "Service name changed"
    fill(browser, sms_sender="HMRC")  # not the default: its buttons are checked by axe below
    assert "HMRC" in browser.find_element(By.ID, "sms-senders").text
    fill(browser, **{"retention-email": "30"})
    assert browser.find_element(By.ID, "done").text == "Data retention changed"
    browser.refresh()  # kept, not only shown once
    assert browser.find_element(By.ID, "name").get_attribute("value") == "Tax letters"
    assert browser.find_element(By.ID, "retention-email").get_attribute("value") == "30"
    fill(browser, **{"delivery-status-url": "http://not-https.example", "delivery-status-bearer_token": "secret-token-1"})
    assert "There is a problem" in browser.find_element(By.CLASS_NAME, "error-summary").text
    assert "secret-token-1" not in browser.page_source
    check_accessibility(browser)
    screenshot(browser, "settings-error")
    browser.get(f"{server.base_url}/admin-ui/services/{service_id}/settings")
    check_accessibility(browser)
    screenshot(browser, "settings")

    admin = admin_client(server)
    member = admin.post("/user", data=MEMBER)["data"]
    admin.post(f"/service/{service_id}/users/{member['id']}",
               data={"permissions": [{"permission": "view_activity"}], "folder_permissions": []})
    submit(browser, By.XPATH, "//button[text()='Sign out']")
    fill(browser, email_address=MEMBER["email_address"], password=MEMBER["password"])
    follow_sign_in_link(browser, server, MEMBER["email_address"])
    assert "Tax letters" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(f"{server.base_url}/admin-ui/services/{service_id}/settings")
    assert browser.find_element(By.TAG_NAME, "h1").text == "You cannot do that"
    assert "You do not have permission" in browser.page_source and "Data retention" not in browser.page_source
    check_accessibility(browser)
    browser.get(f"{server.base_url}/admin-ui/platform/providers")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Page not found"


def test_a_platform_admin_changes_a_providers_priority(browser: WebDriver, server: Server) -> None:
    sign_in(browser, server)
    submit(browser, By.LINK_TEXT, "Platform admin")
    check_accessibility(browser)
    screenshot(browser, "platform-services")
    for area in ("Organisations", "Usage"):
        submit(browser, By.LINK_TEXT, area)
        check_accessibility(browser)
    screenshot(browser, "platform-usage")
    submit(browser, By.LINK_TEXT, "Users")
    fill(browser, email="ada@")
    assert "ada@example.gov.uk" in browser.find_element(By.ID, "users").text
    check_accessibility(browser)
    visit(browser, f"{server.base_url}/admin-ui/platform/providers")
    row = browser.find_elements(By.CSS_SELECTOR, "#providers tbody tr")[0]
    row_id, name = row.get_attribute("id"), row.find_element(By.TAG_NAME, "th").text
    priority = row.find_element(By.CSS_SELECTOR, "input[name=priority]")
    wanted = "42" if priority.get_attribute("value") != "42" else "43"
    fill(browser, **{priority.get_attribute("id"): wanted})
    assert browser.find_element(By.ID, "done").text == f"{name} changed"
    browser.refresh()
    row = browser.find_element(By.ID, row_id)  # the list is in priority order: find the same provider
    assert row.find_element(By.CSS_SELECTOR, "input[name=priority]").get_attribute("value") == wanted
    assert "Ada Admin" in row.text
    check_accessibility(browser)
    screenshot(browser, "platform-providers")
