"""A team in real browsers: the first admin invites someone, who opens the emailed link in a browser of their
own, makes an account, signs in with a code and finds only what the invitation allows."""

from __future__ import annotations


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from ..e2e.conftest import Server
from .conftest import check_accessibility, fill, follow_sign_in_link, outbox_link, screenshot, submit, visit
from .test_first_run import sign_in

pytestmark = pytest.mark.e2e


def test_an_invitation_accepted_in_a_second_browser(browser: WebDriver, second_browser: WebDriver,
                                                     server: Server) -> None:
    sign_in(browser, server)
    fill(browser, name="Tax reminders")
    submit(browser, By.LINK_TEXT, "Team")
    team_page = browser.current_url
    submit(browser, By.LINK_TEXT, "Invite a team member")
    browser.find_element(By.ID, "permission-send_messages").click()
    check_accessibility(browser)
    fill(browser, email_address="bob@example.gov.uk")
    assert "bob@example.gov.uk" in browser.find_element(By.ID, "invited").text
    check_accessibility(browser)
    screenshot(browser, "team")
    visit(second_browser, outbox_link(browser, server, "bob@example.gov.uk", "invitation"), name="invitation")
    fill(second_browser, name="Bob", password="a long password")
    assert second_browser.current_url.endswith("/admin-ui/sign-in")
    fill(second_browser, email_address="bob@example.gov.uk", password="a long password")
    follow_sign_in_link(second_browser, server, "bob@example.gov.uk")
    second_browser.get(team_page)
    assert "Invite a team member" not in second_browser.page_source
    assert "See dashboard and activity, Send messages" in second_browser.find_element(By.ID, "team").text
    second_browser.get(team_page + "/invite")
    assert "You do not have permission" in second_browser.page_source
    second_browser.get(team_page.replace("/team", "/templates/new?type=sms"))
    assert "You do not have permission" in second_browser.page_source


def test_an_api_key_shown_once_then_revoked(browser: WebDriver, server: Server) -> None:
    sign_in(browser, server)
    fill(browser, name="Tax reminders")
    submit(browser, By.LINK_TEXT, "API keys")
    submit(browser, By.LINK_TEXT, "Create an API key")
    check_accessibility(browser)
    fill(browser, name="Live system")
    assert browser.find_element(By.ID, "api-key").text.startswith("live_system-")
    check_accessibility(browser)
    screenshot(browser, "api-key")
    submit(browser, By.LINK_TEXT, "Back to API keys")
    submit(browser, By.PARTIAL_LINK_TEXT, "Revoke")
    check_accessibility(browser)
    submit(browser, By.XPATH, "//button[text()='Revoke this key']")
    assert "Revoked" in browser.find_element(By.ID, "api-keys").text
    check_accessibility(browser)
    screenshot(browser, "api-keys")
