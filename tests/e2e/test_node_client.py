"""Every method of Notify's official Node client (`notifications-node-client` from npm, run with `node`)
against a real `notify serve`: tests/node/run_client.js makes the calls, this file asserts on what came back.
The client is installed into tests/node (scripts/test does that; this test too when it is missing). Without
node and npm the test fails, saying so: it never skips."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..pdfs import make_pdf, read_pdf
from .clients import client_server, ClientWorld, provision_client_world  # noqa: F401 (client_server: a fixture)
from .conftest import Server

pytestmark = pytest.mark.e2e

NODE_DIR = Path(__file__).resolve().parent.parent / "node"


def node_client_installed() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("node and npm are needed for the Node client tests: install Node.js (e.g. apt-get install "
                    "nodejs npm), then run scripts/test")
    if not (NODE_DIR / "node_modules" / "notifications-node-client").is_dir():
        installed = subprocess.run([npm, "install", "--no-audit", "--no-fund"], cwd=NODE_DIR, capture_output=True,
                                   text=True, timeout=300)
        if installed.returncode != 0:
            pytest.fail(f"npm install in {NODE_DIR} failed:\n{installed.stderr}")
    return node


@pytest.fixture(scope="module")
def world(client_server: Server) -> ClientWorld:
    return provision_client_world(client_server, "Node")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf(10)


@pytest.fixture(scope="module")
def results(client_server: Server, world: ClientWorld, pdf: bytes) -> dict[str, Any]:
    node = node_client_installed()
    config = {"baseUrl": client_server.base_url, "apiKey": world.live.api_key(), "templates": world.live.templates,
              "pdf": base64.b64encode(pdf).decode()}
    run = subprocess.run([node, "run_client.js", json.dumps(config)], cwd=NODE_DIR, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    found: dict[str, Any] = json.loads(run.stdout)
    return found


def ok(results: dict[str, Any], name: str) -> Any:
    result = results[name]
    assert result["ok"], (name, result)
    return result.get("data")


def test_sends(results: dict[str, Any]) -> None:
    sms = ok(results, "sendSms")
    assert results["sendSms"]["status"] == 201
    assert (sms["content"]["body"], sms["reference"]) == ("Hello Ada", "node-sms")
    email = ok(results, "sendEmail")
    assert email["sanitised_content"] == {"name": {"unsanitised": "*Ada*", "sanitised": "\\*Ada\\*"}}
    assert "/d/" in ok(results, "sendEmailWithFile")["content"]["body"]
    assert ok(results, "sendLetter")["content"]["subject"] == "Letter Ada"
    precompiled = ok(results, "sendPrecompiledLetter")
    assert (precompiled["reference"], precompiled["postage"]) == ("node-precompiled", "economy")


def test_reading_back(results: dict[str, Any], world: ClientWorld) -> None:
    sms = ok(results, "getNotificationById")
    assert (sms["status"], sms["phone_number"]) == ("delivered", "07700900123")
    letter = ok(results, "getLetterById")
    assert letter["status"] == "received" and letter["estimated_delivery"]
    assert [n["reference"] for n in ok(results, "getNotifications")["notifications"]] == ["node-sms"]
    assert ok(results, "getTemplateById")["letter_contact_block"] == world.contact_block
    assert ok(results, "getTemplateByIdAndVersion")["version"] == 1
    assert [t["type"] for t in ok(results, "getAllTemplates")["templates"]] == ["email"]
    assert ok(results, "previewTemplateById")["subject"] == "Hi Ada"
    texts = ok(results, "getReceivedTexts")["received_text_messages"]
    assert [t["content"] for t in texts] == [world.received_text]


def test_letter_pdfs(results: dict[str, Any], pdf: bytes) -> None:
    assert results["getPdfForPrecompiled"]["ok"]
    assert base64.b64decode(results["getPdfForPrecompiled"]["pdf"]) == pdf
    rendered = read_pdf(base64.b64decode(results["getPdfForLetterNotification"]["pdf"]))
    assert "Dear Ada" in rendered.pages[0].extract_text()


def test_errors_reach_the_client_in_notifys_shape(results: dict[str, Any]) -> None:
    def error(name: str) -> tuple[int, list[dict[str, str]]]:
        result = results[name]
        assert not result["ok"], (name, result)
        return result["status"], result["data"]["errors"]

    assert error("missingPersonalisation") == (400, [{"error": "BadRequestError",
                                                      "message": "Missing personalisation: name"}])
    assert error("badPrecompiled") == (400, [{"error": "BadRequestError",
                                              "message": "Letter content is not a valid PDF"}])
    assert error("pdfOfAnSms") == (400, [{"error": "BadRequestError", "message": "Notification is not a letter"}])
    assert error("unknownNotification")[0] == 404
    assert error("badTemplateId") == (400, [{"error": "ValidationError", "message": "id is not a valid UUID"}])
