"""Files sent by email (Notify's "send a file by email"): a personalisation value
`{"file": <base64>, "filename", "confirm_email_before_download", "retention_period"}` becomes a link to a
download page instead of text. The file is kept for its retention period (26 weeks unless asked otherwise,
at most 78), and by default the page asks for the recipient's email address before it hands the file over.
Limits and messages are Notify's."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from attrs import frozen

from .errors import InvalidRequest, NotFound

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILENAME_LENGTH = 100
DEFAULT_RETENTION_WEEKS = 26
MAX_RETENTION_WEEKS = 78
RETENTION = re.compile(r"^(\d+) weeks?$")
EXTENSIONS = {  # extension -> the type it must be
    "csv": "text/csv", "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpeg": "image/jpeg", "jpg": "image/jpeg", "json": "application/json",
    "odt": "application/vnd.oasis.opendocument.text", "pdf": "application/pdf", "png": "image/png",
    "rtf": "text/rtf", "txt": "text/plain",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SUPPORTED_TYPES = sorted(set(EXTENSIONS.values()))
ZIP_BASED = {"docx", "xlsx", "odt"}
NOT_BASE64 = "Document is not base64 encoded"
TOO_BIG = "File is larger than 2MB"
NOT_ALLOWED = "Service is not allowed to send documents"
ONLY_EMAIL = "Can only send a file by email"
SEND_FILES_URL = "https://www.notifications.service.gov.uk/services/{}/service-settings/send-files-by-email"
NOT_SET_UP = "Send files by email has not been set up - add contact details for your service at " + SEND_FILES_URL


class DocumentNotFound(NotFound): ...


class DocumentExpired(NotFound):
    def __init__(self) -> None:
        super().__init__("The file is no longer available")


class WrongEmailAddress(InvalidRequest):
    def __init__(self) -> None:
        super().__init__("This is not the email address the file was sent to")


def is_file(value: Any) -> bool:
    if isinstance(value, (str, int, float)):  # most values: answered without the slower check against an ABC
        return False
    return isinstance(value, Mapping) and "file" in value


@frozen
class FileRequest:
    """A checked file: its bytes, type, name and how it may be downloaded."""

    data: bytes
    mimetype: str
    filename: str | None
    confirm_email: bool
    retention: timedelta


def _unsupported(mimetype: str) -> InvalidRequest:
    return InvalidRequest(f"Unsupported file type '{mimetype}'. Supported types are: '{', '.join(SUPPORTED_TYPES)}'")


def sniff(data: bytes, extension: str | None) -> str:
    """The file's type from its first bytes (the filename's extension only chooses among look-alikes)."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"{\\rtf"):
        return "text/rtf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/msword"
    if data.startswith(b"PK\x03\x04"):
        if extension in ZIP_BASED:
            return EXTENSIONS[extension]
        return "application/zip"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    if extension in ("csv", "json"):
        return EXTENSIONS[extension]
    return "text/plain"


def _extension(filename: str | None) -> str | None:
    if not filename or "." not in filename:
        return None
    return filename.rsplit(".", 1)[1].lower()


def check_file(value: Mapping[str, Any]) -> FileRequest:
    """A personalisation file value checked as Notify checks it; InvalidRequest with Notify's messages."""
    filename = value.get("filename")
    if filename is not None:
        if not isinstance(filename, str) or len(filename) > MAX_FILENAME_LENGTH:
            raise InvalidRequest(f"`filename` cannot be longer than {MAX_FILENAME_LENGTH} characters")
        if _extension(filename) is None:
            raise InvalidRequest("`filename` must end with a file extension. For example, filename.csv")
    confirm = value.get("confirm_email_before_download")
    if confirm is not None and not isinstance(confirm, bool):
        raise InvalidRequest(f"Unsupported value for confirm_email_before_download: '{confirm}'. "
                             "Use a boolean true or false value.")
    retention = _retention(value.get("retention_period"))
    raw = value.get("file")
    try:
        if not isinstance(raw, str):
            raise ValueError
        data = base64.b64decode(raw, validate=True)
    except (ValueError, binascii.Error):
        raise InvalidRequest(NOT_BASE64) from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidRequest(TOO_BIG)
    extension = _extension(filename)
    mimetype = sniff(data, extension)
    if mimetype not in SUPPORTED_TYPES:
        raise _unsupported(mimetype)
    return FileRequest(data, mimetype, filename, True if confirm is None else confirm, retention)


def _retention(raw: Any) -> timedelta:
    if raw is None:
        return timedelta(weeks=DEFAULT_RETENTION_WEEKS)
    match = RETENTION.match(raw) if isinstance(raw, str) else None
    weeks = int(match.group(1)) if match else 0
    if not 1 <= weeks <= MAX_RETENTION_WEEKS:
        raise InvalidRequest(f"Unsupported value for retention_period '{raw}'. "
                             f"Supported periods are from 1 to {MAX_RETENTION_WEEKS} weeks.")
    return timedelta(weeks=weeks)


def email_digest(service_id: UUID, document_id: UUID, email_address: str) -> str:
    """What is kept of the recipient's address: enough to check the one typed on the download page, no more."""
    text = f"{service_id}:{document_id}:{email_address.strip().lower()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@frozen
class StoredDocument:
    """A file waiting on its download page."""

    service_id: UUID
    id: UUID
    data: bytes
    mimetype: str
    filename: str | None
    expires_at: datetime
    email_digest: str | None  # None: no confirmation asked

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    def confirms(self, email_address: str) -> bool:
        return self.email_digest is None or \
            email_digest(self.service_id, self.id, email_address) == self.email_digest

    @property
    def download_name(self) -> str:
        if self.filename:
            return self.filename
        extension = next((ext for ext, kind in EXTENSIONS.items() if kind == self.mimetype), "bin")
        return f"file.{extension}"


def kept_past_retention(metadata: Mapping[str, str], now: datetime) -> bool:
    """A stored file (by its metadata) whose retention has ended; one kept without an end is left alone."""
    expires_at = metadata.get("expires_at")
    return bool(expires_at) and now >= datetime.fromisoformat(str(expires_at))
