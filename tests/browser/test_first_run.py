"""A new user's first minutes in a real browser: the set-up link `notify serve` prints, the first admin,
signing in with the code emailed through notify's own providers, a service, a template written with its
preview, one message sent and seen delivered (its page, the dashboard's chart, the activity list)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from ..e2e.conftest import Server
from .conftest import check_accessibility, fill, screenshot, follow_sign_in_link, set_up_link, submit, visit

pytestmark = pytest.mark.e2e

ADMIN = {"name": "Ada Admin", "email_address": "ada@example.gov.uk", "password": "correct horse battery"}


def sign_in(browser: WebDriver, server: Server) -> None:
    visit(browser, set_up_link(server), name="set-up")
    fill(browser, **ADMIN)
    assert browser.current_url.endswith("/admin-ui/sign-in")
    check_accessibility(browser)
    screenshot(browser, "sign-in")
    fill(browser, email_address=ADMIN["email_address"], password=ADMIN["password"])
    assert browser.current_url.endswith("/admin-ui/sign-in/check-email")
    check_accessibility(browser)
    follow_sign_in_link(browser, server, ADMIN["email_address"])


def test_first_run_to_signed_in(browser: WebDriver, server: Server) -> None:
    browser.get(f"{server.base_url}/admin-ui/sign-in")
    fill(browser, email_address="", password="")
    assert "There is a problem" in browser.find_element(By.CLASS_NAME, "error-summary").text
    check_accessibility(browser)
    screenshot(browser, "sign-in-errors")

    sign_in(browser, server)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your services"
    check_accessibility(browser)
    screenshot(browser, "services")
    submit(browser, By.XPATH, "//button[text()='Sign out']")
    assert browser.current_url.endswith("/admin-ui/sign-in")


def test_first_run_to_a_delivered_message(browser: WebDriver, server: Server) -> None:
    sign_in(browser, server)
    fill(browser, name="Tax reminders")
    check_accessibility(browser)  # the templates page, with its new-folder form
    browser.find_element(By.LINK_TEXT, "Email template").click()
    fill(browser, name="Reminder", subject="Your tax", content="Hello ((name)), pay by ((date)).")
    preview = browser.find_element(By.CLASS_NAME, "preview").text  # the first button is Preview
    assert "Hello ((name)), pay by ((date))." in preview
    check_accessibility(browser)
    screenshot(browser, "template-preview")
    submit(browser, By.XPATH, "//button[@value='save']")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Reminder"
    check_accessibility(browser)
    screenshot(browser, "template")
    browser.find_element(By.LINK_TEXT, "Send a message with this template").click()
    check_accessibility(browser)
    # a new service is in trial mode: it may send to its own team
    fill(browser, recipient=ADMIN["email_address"], **{"field-0": "Ada", "field-1": "Friday"})
    deadline = time.monotonic() + 20
    while browser.find_element(By.ID, "status").text != "delivered" and time.monotonic() < deadline:
        time.sleep(0.3)
        submit(browser, By.LINK_TEXT, "Refresh the status")
    assert browser.find_element(By.ID, "status").text == "delivered"
    check_accessibility(browser)
    screenshot(browser, "message-delivered")
    submit(browser, By.LINK_TEXT, "Dashboard")
    today = browser.find_elements(By.CSS_SELECTOR, "#days-email g.bar")[-1]
    assert today.get_attribute("data-delivered") == "1" and today.find_elements(By.CSS_SELECTOR, "rect.bar-delivered")
    assert "Reminder" in browser.find_element(By.ID, "top-templates").text
    check_accessibility(browser)
    screenshot(browser, "dashboard")
    submit(browser, By.LINK_TEXT, "Activity")
    row = browser.find_element(By.CSS_SELECTOR, "#activity tbody tr")
    assert ADMIN["email_address"] in row.text and row.find_element(By.CLASS_NAME, "status").text == "delivered"
    check_accessibility(browser)
    screenshot(browser, "activity")


def test_a_spreadsheet_with_a_bad_row_then_a_job(browser: WebDriver, server: Server, tmp_path: Path) -> None:
    sign_in(browser, server)
    fill(browser, name="Tax reminders")
    check_accessibility(browser)  # the templates page, with its new-folder form
    browser.find_element(By.LINK_TEXT, "Email template").click()
    fill(browser, name="Reminder", subject="Your tax", content="Hello ((name)).")
    submit(browser, By.XPATH, "//button[@value='save']")
    browser.find_element(By.LINK_TEXT, "Send to a list of recipients (CSV)").click()
    address = ADMIN["email_address"]  # a new service is in trial mode: it may send to its own team
    bad, good = tmp_path / "bad.csv", tmp_path / "people.csv"
    bad.write_text(f"email address,name\n{address},Ada\nnot-an-email,Bob\n")
    good.write_text(f"email address,name\n{address},Ada\n{address},Ada again\n")
    browser.find_element(By.ID, "file").send_keys(str(bad))
    submit(browser, By.XPATH, "//button[text()='Upload']")
    problems = browser.find_element(By.TAG_NAME, "table").text
    assert "3 email address" in problems and "bad.csv" in browser.find_element(By.ID, "file-error").text
    check_accessibility(browser)
    screenshot(browser, "upload-errors")
    browser.find_element(By.ID, "file").send_keys(str(good))
    submit(browser, By.XPATH, "//button[text()='Upload']")
    submit(browser, By.XPATH, "//button[text()='Send 2 messages']")
    deadline = time.monotonic() + 30
    while "2 delivered" not in browser.find_element(By.ID, "progress").text and time.monotonic() < deadline:
        time.sleep(0.3)
        submit(browser, By.LINK_TEXT, "Refresh the progress")
    assert "2 of 2 sent, 2 delivered" in browser.find_element(By.ID, "progress").text
    check_accessibility(browser)
    screenshot(browser, "job")
