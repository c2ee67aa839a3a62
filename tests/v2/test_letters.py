"""Letters through the public API: precompiled PDFs (Notify's checks and messages), GET …/pdf for uploaded and
template letters, the contact block, cost and estimated delivery."""

from __future__ import annotations

import base64
from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain.constants import KeyType, TemplateType
from notify.usecases import letter_contacts

from ..pdfs import make_pdf, read_pdf
from .conftest import ADDRESS, ApiClient, Fakes, World


def precompiled(api: ApiClient, content: bytes | str, **more: Any) -> Any:
    encoded = content if isinstance(content, str) else base64.b64encode(content).decode()
    return api.post("/v2/notifications/letter", json={"reference": "letter-1", "content": encoded, **more})


def errors(result: Any) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = result.json["errors"]
    return errors


def test_a_ten_page_precompiled_letter_is_accepted_and_served_back_byte_identical(
        world: World, api: ApiClient, fakes: Fakes) -> None:
    pdf = make_pdf(10)
    result = precompiled(api, pdf)
    assert result.status_code == 201, result.json
    assert set(result.json) == {"id", "reference", "postage"}
    assert (result.json["reference"], result.json["postage"]) == ("letter-1", "second")
    served = api.get(f"/v2/notifications/{result.json['id']}/pdf")
    assert served.status_code == 200
    assert served.headers["content-type"] == "application/pdf"
    assert served.content == pdf
    fakes.flush()
    found = api.get(f"/v2/notifications/{result.json['id']}").json
    assert (found["status"], found["type"], found["reference"], found["line_1"]) == (
        "received", "letter", "letter-1", "Provided as PDF")
    assert found["cost_details"] == {"billable_sheets_of_paper": 5, "postage": "second"}
    assert found["is_cost_data_ready"] is True and found["cost_in_pounds"] > 0
    assert found["estimated_delivery"].endswith("Z")


def test_precompiled_postage_is_echoed(api: ApiClient) -> None:
    for postage in ("first", "economy", "europe", "rest-of-world"):
        result = precompiled(api, make_pdf(1), postage=postage)
        assert (result.status_code, result.json["postage"]) == (201, postage)


@pytest.mark.parametrize(("content", "message"), [
    ("not base64!", "Cannot decode letter content (file) in base64"),
    (b"this is not a pdf at all", "Letter content is not a valid PDF"),
    (b"%PDF-1.7\nbroken", "Letter content is not a valid PDF"),
    (make_pdf(11), "Letters must be 10 pages or less (5 double-sided sheets of paper)"),
    (make_pdf(1, size=(148.0, 210.0)), "Letters must be A4 portrait size"),
    (make_pdf(1, size=(297.0, 210.0)), "Letters must be A4 portrait size"),
])
def test_bad_pdfs_are_refused_with_notifys_messages(api: ApiClient, content: Any, message: str) -> None:
    result = precompiled(api, content)
    assert result.status_code == 400
    assert errors(result) == [{"error": "BadRequestError", "message": message}]


def test_precompiled_request_shape_errors(world: World, api: ApiClient) -> None:
    result = precompiled(api, make_pdf(1), postage="third")
    assert errors(result) == [{"error": "ValidationError", "message":
                               "postage invalid. It must be first, second, economy, europe or rest-of-world."}]
    missing = api.post("/v2/notifications/letter", json={"content": "eA=="})
    assert errors(missing) == [{"error": "ValidationError", "message": "reference is a required property"}]
    team = precompiled(world.client(KeyType.TEAM), make_pdf(1))
    assert team.status_code == 403
    assert errors(team) == [{"error": "BadRequestError", "message": "Cannot send letters with a team api key"}]


def test_template_letter_pdf_has_the_address_contact_block_heading_body_and_page_numbers(
        world: World, api: ApiClient) -> None:
    letter_contacts.add_letter_contact(world.notify, world.service.id, contact_block="Tax Office\nPO Box 1\nLS1 1AA",
                                       is_default=True)
    sent = api.post("/v2/notifications/letter", json={"template_id": str(world.letter.id),
                                                      "personalisation": {**ADDRESS, "name": "Ada"}})
    assert sent.status_code == 201, sent.json
    served = api.get(f"/v2/notifications/{sent.json['id']}/pdf")
    assert served.status_code == 200
    reader = read_pdf(served.content)
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    for expected in ("The Occupier", "1 High Street", "SW1A 1AA", "Tax Office", "PO Box 1", "15 June 2026",
                     "Subject Ada", "Dear Ada", "Page 1 of 1"):
        assert expected in text, expected
    found = api.get(f"/v2/notifications/{sent.json['id']}").json
    assert found["cost_details"] == {"billable_sheets_of_paper": 1, "postage": "second"}
    assert found["estimated_delivery"] == "2026-06-17T15:00:00.000000Z"  # printed Mon 15th, 2 working days


def test_letter_contact_block_in_the_v2_template(world: World, api: ApiClient) -> None:
    assert api.get(f"/v2/template/{world.letter.id}").json["letter_contact_block"] is None
    default = letter_contacts.add_letter_contact(world.notify, world.service.id, contact_block="Default office",
                                                 is_default=True)
    own = letter_contacts.add_letter_contact(world.notify, world.service.id, contact_block="Own office",
                                             is_default=False)
    assert api.get(f"/v2/template/{world.letter.id}").json["letter_contact_block"] == "Default office"
    chosen = world.add_template(template_type=TemplateType.LETTER, content="Hi", reply_to=own.id)
    assert api.get(f"/v2/template/{chosen.id}").json["letter_contact_block"] == "Own office"
    letter_contacts.archive_letter_contact(world.notify, world.service.id, own.id)
    assert api.get(f"/v2/template/{chosen.id}").json["letter_contact_block"] == default.contact_block
    assert api.get(f"/v2/template/{world.sms.id}").json["letter_contact_block"] is None


def test_pdf_errors(world: World, api: ApiClient) -> None:
    sms = api.post("/v2/notifications/sms", json={"phone_number": "07700900555", "template_id": str(world.sms.id),
                                                  "personalisation": {"name": "A"}})
    result = api.get(f"/v2/notifications/{sms.json['id']}/pdf")
    assert (result.status_code, errors(result)) == (
        400, [{"error": "BadRequestError", "message": "Notification is not a letter"}])
    assert api.get(f"/v2/notifications/{uuid4()}/pdf").status_code == 404
    bad = api.get("/v2/notifications/not-an-id/pdf")
    assert bad.status_code == 400
    assert errors(bad)[0]["error"] == "ValidationError"


def test_pdf_not_ready_while_the_pdf_is_missing(world: World, api: ApiClient) -> None:
    sent = api.post("/v2/notifications/letter", json={"template_id": str(world.letter.id),
                                                      "personalisation": {**ADDRESS, "name": "Ada"}})
    store = world.notify.letter_store
    assert store is not None
    store.delete(world.service.id, UUID(sent.json["id"]))
    result = api.get(f"/v2/notifications/{sent.json['id']}/pdf")
    assert (result.status_code, errors(result)) == (
        400, [{"error": "PDFNotReadyError", "message": "PDF not available yet, try again later"}])


def test_unknown_v2_routes_answer_in_the_v2_error_shape(api: ApiClient) -> None:
    result = api.get("/v2/nowhere")
    assert result.status_code == 404
    assert result.json["status_code"] == 404
    assert errors(result)[0]["error"] == "NoResultFound"
