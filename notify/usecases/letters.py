"""Letters as PDFs: a template letter's PDF made when it is sent (its sheets are what it costs), precompiled
letters (a service's own PDF, checked as Notify checks it), and GET …/pdf for both.

There is no virus scanner here: an uploaded PDF that passes the checks goes straight from the request to
`created`, where Notify would hold it in `pending-virus-check` first."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import unquote
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.constants import KeyType, NotificationStatus, NotificationType, Postage, ServicePermission
from notify.domain.errors import InvalidRequest
from notify.domain.job import UploadNotFound
from notify.domain.limits import Admission
from notify.domain.sending import check_letter_key
from notify.domain.letter import (
    NOT_BASE64,
    PRECOMPILED_TEMPLATE_NAME,
    LetterContent,
    PdfNotReady,
    check_precompiled,
    printed_date,
    sheets,
)
from notify.domain.message import Message
from notify.domain.notification import Notification
from notify.domain.service import Service
from notify.domain.template import Template, new_template
from notify.ports.letters import LetterPdfs
from notify.ports.uploads import UploadStore

from .app import Notify
from .auth import ServiceAuth
from .cache import PrecompiledTemplate
from .letter_contacts import contact_block_for
from .team_sender import check_team_member
from . import notifications as sending

PROVIDED_AS_PDF = "Provided as PDF"
NOT_INSTALLED = "Letters as PDF are not available on this server (install notify[letters])"


@frozen
class PreparedLetter:
    """A template letter's PDF (None without the PDF library), sheets of paper and contact block."""

    pdf: bytes | None
    sheets: int
    contact_block: str | None


def _pdf_pages(pdfs: LetterPdfs, pdf: bytes) -> int:
    return len(pdfs.page_sizes(pdf))


def prepare_template_letter(notify: Notify, template: Template, message: Message, address_lines: Sequence[str],
                            now: datetime) -> PreparedLetter:
    block = contact_block_for(notify, template)
    if notify.letter_pdfs is None:
        return PreparedLetter(None, 0, block)
    content = LetterContent(tuple(address_lines), block, printed_date(now), message.subject or "", message.body)
    pdf = notify.letter_pdfs.render(content)
    return PreparedLetter(pdf, sheets(_pdf_pages(notify.letter_pdfs, pdf)), block)


def keep_pdf(notify: Notify, notification: Notification, pdf: bytes | None) -> None:
    if pdf is not None and notify.letter_store is not None:
        notify.letter_store.put(notification.service_id, notification.id, pdf, {"content_type": "application/pdf"})


def forget_pdf(notify: Notify, notification: Notification) -> None:
    if notify.letter_store is not None:
        notify.letter_store.delete(notification.service_id, notification.id)


# -- precompiled letters -------------------------------------------------------------------------------------

@frozen(kw_only=True)
class PrecompiledLetterRequest:
    reference: str
    content: str  # base64
    postage: str | None = None


def _letters_or_refuse(notify: Notify) -> tuple[LetterPdfs, UploadStore]:
    if notify.letter_pdfs is None or notify.letter_store is None:
        raise InvalidRequest(NOT_INSTALLED)
    return notify.letter_pdfs, notify.letter_store


def precompiled_template(notify: Notify, service: Service) -> Template:
    """The service's hidden "Pre-compiled PDF" letter template, made the first time it is needed."""
    def load() -> Template:
        with notify.uow() as uow:
            found = next((t for t in uow.templates.list_for_service(service.id, template_type=NotificationType.LETTER)
                          if t.hidden and t.name == PRECOMPILED_TEMPLATE_NAME), None)
            if found is not None:
                return found
            template = new_template(id=notify.ids.new(), service_id=service.id, name=PRECOMPILED_TEMPLATE_NAME,
                                    template_type=NotificationType.LETTER, content="",
                                    created_by=service.created_by, now=notify.clock.now(),
                                    subject=PRECOMPILED_TEMPLATE_NAME, hidden=True, postage=Postage.SECOND.value)
            uow.templates.add(template)
            uow.commit()
            return template

    return notify.cache.get_or_load(PrecompiledTemplate(service.id), notify.clock.now(), load)


def send_precompiled_letter(notify: Notify, auth: ServiceAuth, request: PrecompiledLetterRequest) -> Notification:
    """Check the PDF (a real, A4 portrait PDF of at most 10 pages), keep it, and admit the letter as any send
    is admitted (rate and daily limits); delivery then moves it through the letter statuses."""
    service = auth.service
    if not service.has_permission(ServicePermission.LETTER):
        raise InvalidRequest("Service is not allowed to send letters")
    check_letter_key(service, auth.key_type)
    pdfs, store = _letters_or_refuse(notify)
    try:
        data = base64.b64decode(request.content, validate=True)
    except (ValueError, binascii.Error):
        raise InvalidRequest(NOT_BASE64) from None
    sheet_count = check_precompiled(pdfs.page_sizes(data), len(data))
    template = precompiled_template(notify, service)
    now = notify.clock.now()
    notification = Notification(
        id=notify.ids.new(), service_id=service.id, template_id=template.id, template_version=template.version,
        notification_type=NotificationType.LETTER, to=PROVIDED_AS_PDF, normalised_to=PROVIDED_AS_PDF.lower(),
        created_at=now, key_type=auth.key_type, api_key_id=auth.api_key.id,
        personalisation={"address_line_1": PROVIDED_AS_PDF}, client_reference=request.reference,
        postage=request.postage or template.postage or Postage.SECOND.value, billable_units=sheet_count)
    _keep_and_admit(notify, store, service, notification, data)
    return notification


def _keep_and_admit(notify: Notify, store: UploadStore, service: Service, notification: Notification,
                    pdf: bytes) -> None:
    """Keep the letter's PDF, admit the letter as any send is admitted (rate and daily limits), and hand it to
    delivery. A refused letter's PDF goes; AlreadyExists (the same letter sent by another request) keeps it."""
    store.put(service.id, notification.id, pdf, {"content_type": "application/pdf"})
    try:
        notify.admit(Admission(notification, True, sending.limits_for_send(
            notify, service, notification.key_type, NotificationType.LETTER, international_sms=False,
            count_daily=True, now=notification.created_at)))
    except errors.AlreadyExists:
        raise
    except Exception:
        store.delete(service.id, notification.id)
        raise
    if notify.queue is not None:
        notify.queue.enqueue(notification.id)


def send_uploaded_letter(notify: Notify, service_id: UUID, *, file_id: UUID, filename: str, created_by: UUID,
                         recipient_address: str, postage: Postage | None) -> UUID:
    """Send a PDF a team member uploaded through the admin app (kept in the uploads store under `file_id`): the
    letter takes the upload's id, so sending it twice (two browser tabs) sends it once. Checked as any
    precompiled letter, admitted as any send; the PDF then moves to the letters store."""
    pdfs, store = _letters_or_refuse(notify)
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        if not service.has_permission(ServicePermission.LETTER):
            raise InvalidRequest("Service is not allowed to send letters")
        check_team_member(uow, service, created_by)
        if uow.notifications.find(file_id) is not None:
            return file_id
    if notify.uploads is None:
        raise InvalidRequest(NOT_INSTALLED)
    try:
        data = notify.uploads.get(service_id, file_id).data
    except UploadNotFound:
        raise InvalidRequest(f"Letter {file_id} was not uploaded") from None
    sheet_count = check_precompiled(pdfs.page_sizes(data), len(data))
    template = precompiled_template(notify, service)
    now = notify.clock.now()
    to = unquote(recipient_address)
    notification = Notification(
        id=file_id, service_id=service.id, template_id=template.id, template_version=template.version,
        notification_type=NotificationType.LETTER, to=to, normalised_to=to.lower(), created_at=now,
        key_type=KeyType.NORMAL, personalisation={"address_line_1": filename}, client_reference=filename,
        created_by_id=created_by, postage=postage.value if postage else template.postage or Postage.SECOND.value,
        billable_units=sheet_count)
    try:
        _keep_and_admit(notify, store, service, notification, data)
    except errors.AlreadyExists:  # the other tab's send got there first
        return file_id
    notify.uploads.delete(service_id, file_id)
    return notification.id


# -- GET /v2/notifications/{id}/pdf --------------------------------------------------------------------------

def get_letter_pdf(notify: Notify, auth: ServiceAuth, notification_id: UUID) -> bytes:
    """The letter as printed: the uploaded PDF byte for byte, or the one made when the letter was sent."""
    return letter_pdf(notify, auth.service_id, notification_id)


def letter_pdf(notify: Notify, service_id: UUID, notification_id: UUID) -> bytes:
    """A letter of the service as printed (another service's notification is not found)."""
    with notify.uow() as uow:
        notification = uow.notifications.get(service_id, notification_id)
    if notification.notification_type is not NotificationType.LETTER:
        raise InvalidRequest("Notification is not a letter")
    if notification.status is NotificationStatus.VIRUS_SCAN_FAILED:
        raise InvalidRequest("File did not pass the virus scan")
    if notification.status is NotificationStatus.TECHNICAL_FAILURE:
        raise InvalidRequest(f"PDF not available for letters in status {notification.status.value}")
    if notification.status is NotificationStatus.PENDING_VIRUS_CHECK or notify.letter_store is None:
        raise PdfNotReady()
    try:
        return notify.letter_store.get(notification.service_id, notification.id).data
    except UploadNotFound:
        raise PdfNotReady() from None
