"""POST /service/{id}/send-pdf-letter: a PDF a team member uploaded, sent as a letter once (it takes the
upload's id), checked as precompiled letters are; refused for non-members, services without letters, missing
or bad files, and malformed bodies."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import attrs
import pytest

from notify.adapters.pdf import PdfLetters
from notify.adapters.uploads import InMemoryUploadStore
from notify.domain.constants import NotificationStatus, NotificationType
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases.app import Notify

from ..conftest import AdminClient
from ..fakes import FrozenClock
from ..pdfs import make_pdf

ADDRESS = "The%20Occupier%0A1%20High%20Street%0ASW1A%201AA"


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    return attrs.evolve(build_test_core(clock, uow=new_uow), letter_pdfs=PdfLetters(),
                        letter_store=InMemoryUploadStore(), uploads=InMemoryUploadStore())


@pytest.fixture
def letters_service(admin: AdminClient, service: dict[str, Any]) -> dict[str, Any]:
    return admin.post(f"/service/{service['id']}", json={
        "permissions": sorted({*service["permissions"], "letter"})}).json["data"]


def _upload(notify: Notify, service: dict[str, Any], pdf: bytes) -> UUID:
    file_id = uuid4()
    assert notify.uploads is not None
    notify.uploads.put(UUID(service["id"]), file_id, pdf, {"content_type": "application/pdf"})
    return file_id


def _send(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any], upload: UUID, **kw: Any) -> Any:
    return admin.post(f"/service/{service['id']}/send-pdf-letter", json={
        "file_id": str(upload), "filename": "letter.pdf", "created_by": owner["id"],
        "recipient_address": ADDRESS, "postage": "first", **kw})


def test_an_uploaded_pdf_is_sent_once_as_a_letter(notify: Notify, admin: AdminClient, owner: dict[str, Any],
                                                  letters_service: dict[str, Any]) -> None:
    pdf = make_pdf(pages=3)
    file_id = _upload(notify, letters_service, pdf)
    sent = _send(admin, letters_service, owner, file_id)
    assert (sent.status_code, sent.json) == (201, {"id": str(file_id)})
    assert _send(admin, letters_service, owner, file_id).json == {"id": str(file_id)}  # a second tab
    with notify.read_uow() as uow:
        letter = uow.notifications.find(file_id)
        assert len(uow.notifications.list_for_service(UUID(letters_service["id"]))) == 1
    assert letter is not None
    assert (letter.notification_type, letter.status, letter.to, letter.client_reference, letter.postage,
            letter.billable_units, str(letter.created_by_id), letter.personalisation) == (
        NotificationType.LETTER, NotificationStatus.CREATED, "The Occupier\n1 High Street\nSW1A 1AA", "letter.pdf",
        "first", 2, owner["id"], {"address_line_1": "letter.pdf"})
    assert notify.letter_store is not None
    assert notify.letter_store.get(letter.service_id, letter.id).data == pdf


def test_refused_for_non_members_services_without_letters_and_bad_files(
        notify: Notify, admin: AdminClient, owner: dict[str, Any], service: dict[str, Any],
        letters_service: dict[str, Any]) -> None:
    stranger = admin.post("/user", json={"name": "Stranger", "email_address": "stranger@example.gov.uk",
                                         "password": "a long password"}).json["data"]
    file_id = _upload(notify, letters_service, make_pdf())
    outsider = _send(admin, letters_service, stranger, file_id)
    assert (outsider.status_code, outsider.json["message"]) == (
        400, 'Can’t create notification - Stranger is not part of the "Tax reminders" service')
    missing = _send(admin, letters_service, owner, uuid4())
    assert (missing.status_code, missing.json["result"]) == (400, "error")
    not_a_pdf = _send(admin, letters_service, owner, _upload(notify, letters_service, b"not a pdf"))
    assert (not_a_pdf.status_code, not_a_pdf.json["result"]) == (400, "error")
    admin.post(f"/service/{service['id']}", json={
        "permissions": [p for p in letters_service["permissions"] if p != "letter"]})
    no_letters = _send(admin, letters_service, owner, file_id)
    assert (no_letters.status_code, no_letters.json["message"]) == (400, "Service is not allowed to send letters")
    assert _send(admin, {"id": str(uuid4())}, owner, file_id).status_code == 404


def test_malformed_bodies_are_400s(admin: AdminClient, owner: dict[str, Any],
                                   letters_service: dict[str, Any]) -> None:
    for changes in ({"file_id": "not-a-uuid"}, {"postage": "carrier-pigeon"}, {"filename": ""},
                    {"recipient_address": None}, {"created_by": "someone"}):
        result = _send(admin, letters_service, owner, uuid4(), **changes)
        assert (result.status_code, result.json["result"]) == (400, "error"), changes


def test_a_sent_upload_is_listed_by_its_print_run_and_previewed(notify: Notify, admin: AdminClient,
                                                                owner: dict[str, Any],
                                                                letters_service: dict[str, Any]) -> None:
    pdf = make_pdf(pages=1)
    file_id = _upload(notify, letters_service, pdf)
    assert _send(admin, letters_service, owner, file_id).status_code == 201
    uploads = admin.get(f"/service/{letters_service['id']}/upload").json["data"]
    assert [(u["upload_type"], u["notification_count"], u["created_at"]) for u in uploads] == [
        ("letter_day", 1, "2026-06-15 16:30:00")]
    day = admin.get(f"/service/{letters_service['id']}/upload/uploaded-letters/2026-06-15").json
    assert [n["id"] for n in day["notifications"]] == [str(file_id)]
    preview = admin.get(f"/service/{letters_service['id']}/template/preview/{file_id}/pdf")
    assert preview.status_code == 200 and base64.b64decode(preview.json["content"]) == pdf


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_a_sent_letter_is_previewed_page_by_page_as_png(notify: Notify, admin: AdminClient,
                                                        owner: dict[str, Any],
                                                        letters_service: dict[str, Any]) -> None:
    file_id = _upload(notify, letters_service, make_pdf(pages=2))
    assert _send(admin, letters_service, owner, file_id).status_code == 201
    path = f"/service/{letters_service['id']}/template/preview/{file_id}/png"
    first, second = admin.get(path), admin.get(path, params={"page": 2})
    assert first.status_code == 200 and second.status_code == 200 and first.json["metadata"] == {}
    pages = [base64.b64decode(p.json["content"]) for p in (first, second)]
    assert [_png_size(p) for p in pages] == [(1241, 1754), (1241, 1754)]  # A4 at 150 dots per inch, rounded up
    assert pages[0] != pages[1]  # "Page 1", "Page 2"
    pixels = zlib.decompress(pages[0][8 + 25 + 8:-12 - 4])  # IDAT between the header and the end chunks
    assert len(pixels) == 1754 * (1 + 1241 * 3)  # each row: its filter byte and RGB pixels
    beyond = admin.get(path, params={"page": 3})
    assert beyond.status_code == 400 and beyond.json["message"] == {"page": ["the letter has 2 pages"]}
    assert admin.get(path, params={"page": 0}).status_code == 400
    assert admin.get(path, params={"page": "two"}).status_code == 400
    assert admin.get(f"/service/{uuid4()}/template/preview/{file_id}/png").status_code == 404
