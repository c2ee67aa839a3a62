"""Browser tests: a real `notify serve` (SQLite, fake providers) driven by headless Chromium through Selenium.
Each page a test visits can be checked with axe-core (injected from tests/browser/axe, installed by
scripts/test) and photographed into docs/screenshots/ for the README."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from ..e2e.conftest import Server, start_server

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    # the first sign-in code is read from the development outbox before anyone is signed in
    server = start_server(tmp_path, {"NOTIFY_FAKE_RECEIPT_DELAY_MS": "200", "NOTIFY_DEV_OUTBOX": "true"})
    try:
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


def new_driver() -> WebDriver:
    """A headless Chromium of its own (its own cookies: another person's browser)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "scripts/test installs chromium and chromium-driver"
    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1100,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=DriverService(driver_path))
    driver.implicitly_wait(5)
    driver.set_page_load_timeout(60)
    return driver


def _quit_after(driver: WebDriver) -> Iterator[WebDriver]:
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    yield from _quit_after(new_driver())


@pytest.fixture
def second_browser() -> Iterator[WebDriver]:
    yield from _quit_after(new_driver())


def set_up_link(server: Server) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = re.search(r"create the first admin of the web pages at (\S+)", server.log.read_text())
        if found:
            return found.group(1)
        time.sleep(0.1)
    raise AssertionError(f"no set-up link printed:\n{server.log.read_text()}")


def fill(driver: WebDriver, **fields: str) -> None:
    """Type into each labelled field, then press the form's button."""
    element = None
    for name, value in fields.items():
        element = driver.find_element(By.ID, name)
        element.clear()
        element.send_keys(value)
    assert element is not None
    submit(driver, By.XPATH, f"//*[@id='{name}']/ancestor::form//button[@type='submit']")


def submit(driver: WebDriver, by: str, value: str) -> None:
    """Click the control found by (by, value), then wait for the next page to replace this one. The click is
    the page's own (a DOM click, as a user's press of the control makes): ChromeDriver's native click can report
    a detached node for a click that did navigate, and clicking again would submit twice. Under load Chromium
    may still be swapping in the page the control is looked for on: then it is looked for again."""
    deadline = time.monotonic() + 15
    while True:
        try:
            old_page = driver.find_element(By.TAG_NAME, "html")
            driver.execute_script("arguments[0].click()", driver.find_element(by, value))
            break
        except (StaleElementReferenceException, WebDriverException) as exc:
            detached = isinstance(exc, StaleElementReferenceException) or "does not belong to the document" in str(exc)
            if time.monotonic() > deadline or not detached:
                raise
            time.sleep(0.3)
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(old_page))
    # and until it has loaded: an element found while it is still being committed may vanish under load
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def check_accessibility(driver: WebDriver) -> None:
    """axe-core's rules for WCAG 2.x A and AA: no serious or critical violation on the page."""
    assert AXE.exists(), "scripts/test installs axe-core into tests/browser/axe"
    driver.set_script_timeout(30)
    result: dict[str, Any] = driver.execute_async_script(
        AXE.read_text() + "\nconst done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})"
        ".then(r => done(r)).catch(e => done({error: String(e)}));")
    assert "error" not in result, result
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, json.dumps([{k: v[k] for k in ("id", "impact", "help")} for v in blocking], indent=1)


def screenshot(driver: WebDriver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def visit(driver: WebDriver, url: str, *, name: str | None = None) -> None:
    driver.get(url)
    check_accessibility(driver)
    if name:
        screenshot(driver, name)


_TAKEN_LINKS: set[str] = set()


def outbox_link(driver: WebDriver, server: Server, to: str, kind: str = "email-auth") -> str:
    """The newest link of a kind (`email-auth` signs in, `invitation` joins) sent to an address and not taken
    before, read from the development outbox (the fake email provider's messages). Delivery is asynchronous:
    until the new message arrives the outbox's newest link may be an earlier, already used one."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        driver.get(f"{server.base_url}/admin-ui/dev/outbox")
        for message in driver.find_elements(By.CSS_SELECTOR, "section.message"):
            if not message.find_element(By.TAG_NAME, "h2").text.startswith(f"To {to}"):
                continue
            found = re.search(rf"(http\S+/admin-ui/{kind}/\S+)", message.find_element(By.TAG_NAME, "pre").text)
            if found and found.group(1) not in _TAKEN_LINKS:
                _TAKEN_LINKS.add(found.group(1))
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no new {kind} link to {to} reached the fake email provider")


def follow_sign_in_link(driver: WebDriver, server: Server, to: str) -> None:
    driver.get(outbox_link(driver, server, to))
    check_accessibility(driver)
    submit(driver, By.XPATH, "//button[text()='Continue to Notify']")
