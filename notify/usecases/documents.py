"""Files sent by email: checked and given a download link at send time, kept (encrypted, by the store
adapter) until their retention period ends, and handed over by the download page, after the recipient has
typed their email address when the sender asked for that."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain.constants import NotificationType, ServicePermission
from notify.domain.document import (
    NOT_ALLOWED,
    DocumentExpired,
    DocumentNotFound,
    WrongEmailAddress,
    NOT_SET_UP,
    ONLY_EMAIL,
    FileRequest,
    StoredDocument,
    check_file,
    email_digest,
    is_file,
    kept_past_retention,
)
from notify.domain.errors import InvalidRequest
from notify.domain.job import UploadNotFound
from notify.domain.service import Service
from notify.ports.uploads import UploadStore

from .app import Notify


@frozen
class PreparedFiles:
    """Personalisation with each file replaced by its link, and the files to keep."""

    personalisation: dict[str, Any]
    files: tuple[tuple[UUID, FileRequest], ...] = ()


def download_url(url_root: str, service_id: UUID, document_id: UUID) -> str:
    return f"{url_root.rstrip('/')}/d/{service_id}/{document_id}"


def prepare_files(notify: Notify, service: Service, kind: NotificationType, personalisation: Mapping[str, Any],
                  url_root: str) -> PreparedFiles:
    """Check every file value (Notify's rules and messages) and give each a link; nothing is stored yet."""
    keys = [k for k, v in personalisation.items() if is_file(v)]
    if not keys:
        return PreparedFiles(dict(personalisation))
    if kind is not NotificationType.EMAIL:
        raise InvalidRequest(ONLY_EMAIL)
    if not service.has_permission(ServicePermission.UPLOAD_DOCUMENT):
        raise InvalidRequest(NOT_ALLOWED)
    if not service.contact_link:
        raise InvalidRequest(NOT_SET_UP.format(service.id))
    out = dict(personalisation)
    files = []
    for key in keys:
        checked = check_file(personalisation[key])
        document_id = notify.ids.new()
        out[key] = download_url(url_root, service.id, document_id)
        files.append((document_id, checked))
    return PreparedFiles(out, tuple(files))


def _store(notify: Notify) -> UploadStore:
    if notify.documents is None:
        raise InvalidRequest(NOT_ALLOWED)
    return notify.documents


def keep_files(notify: Notify, service_id: UUID, files: Sequence[tuple[UUID, FileRequest]],
               recipient: str) -> None:
    """Store the files of one email to `recipient` until their retention ends."""
    if not files:
        return
    store, now = _store(notify), notify.clock.now()
    for document_id, f in files:
        digest = email_digest(service_id, document_id, recipient) if f.confirm_email else ""
        store.put(service_id, document_id, f.data, {
            "mimetype": f.mimetype, "filename": f.filename or "", "expires_at": (now + f.retention).isoformat(),
            "email_digest": digest})


def forget_files(notify: Notify, service_id: UUID, files: Sequence[tuple[UUID, FileRequest]]) -> None:
    """A send refused after its files were kept: they have no email pointing at them."""
    if files and notify.documents is not None:
        for document_id, _ in files:
            notify.documents.delete(service_id, document_id)


def get_document(notify: Notify, service_id: UUID, document_id: UUID) -> StoredDocument:
    """The file for the download page; DocumentExpired once its retention has ended (it is then deleted)."""
    store = _store(notify)
    try:
        upload = store.get(service_id, document_id)
    except UploadNotFound:
        raise DocumentNotFound() from None
    meta = upload.metadata
    document = StoredDocument(service_id=service_id, id=document_id, data=upload.data, mimetype=meta["mimetype"],
                              filename=meta.get("filename") or None,
                              expires_at=datetime.fromisoformat(meta["expires_at"]),
                              email_digest=meta.get("email_digest") or None)
    if document.expired(notify.clock.now()):
        store.delete(service_id, document_id)
        raise DocumentExpired()
    return document


def download_document(notify: Notify, service_id: UUID, document_id: UUID,
                      email_address: str | None) -> StoredDocument:
    """The file, when no confirmation was asked for or `email_address` is the one it was sent to."""
    document = get_document(notify, service_id, document_id)
    if document.email_digest is not None and not document.confirms(email_address or ""):
        raise WrongEmailAddress()
    return document


def remove_expired_documents(notify: Notify, service_id: UUID) -> int:
    """Delete the service's files whose retention has ended (the nightly purge); returns how many."""
    if notify.documents is None:
        return 0
    now = notify.clock.now()
    expired = [document_id for document_id, metadata in notify.documents.list(service_id)
               if kept_past_retention(metadata, now)]
    for document_id in expired:
        notify.documents.delete(service_id, document_id)
    return len(expired)
