"""The download page for files sent by email (/d/{service_id}/{document_id}): plain HTML, no credentials.
When the sender asked for it, the recipient types the email address the file was sent to first."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import parse_qs, quote
from uuid import UUID

import falcon

from notify.domain.document import DocumentExpired, DocumentNotFound, StoredDocument, WrongEmailAddress
from notify.domain.errors import ValidationFailed
from notify.usecases import documents as usecases
from notify.usecases.app import Notify

from .schemas.paths import path_class
from .schemas.reading import read_path

def _ids(req: falcon.Request, service_id: str, document_id: str) -> tuple[UUID, UUID]:
    found: Any = read_path(req, path_class(("document_id", "service_id")),
                           {"service_id": service_id, "document_id": document_id})
    return found.service_id, found.document_id


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""
CONFIRM_FORM = """<p>Enter the email address this file was sent to.</p>{error}
<form method="post"><label for="email_address">Email address</label>
<input id="email_address" name="email_address" type="email" autocomplete="email">
<button type="submit">Continue</button></form>"""


def _page(resp: falcon.Response, status: str, title: str, body: str) -> None:
    resp.status = status
    resp.content_type = falcon.MEDIA_HTML
    resp.text = PAGE.format(title=html.escape(title), body=body)


def _file(resp: falcon.Response, document: StoredDocument) -> None:
    resp.content_type = document.mimetype
    resp.set_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(document.download_name)}")
    resp.set_header("Cache-Control", "no-store")
    resp.data = document.data


def _missing(resp: falcon.Response, exc: Exception) -> None:
    if isinstance(exc, DocumentExpired):
        _page(resp, falcon.HTTP_410, "The file is no longer available",
              "<p>The link to this file has expired. Contact the service that sent it.</p>")
    else:
        _page(resp, falcon.HTTP_404, "Page not found", "<p>Check the link in your email.</p>")


class DownloadPageResource:
    auth = "none"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /d/{service_id}/{document_id}
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, document_id: str) -> None:
        """The page: a form asking for the recipient's email address, or a link to the file."""
        try:
            document = usecases.get_document(self._notify, *_ids(req, service_id, document_id))
        except (DocumentNotFound, DocumentExpired, ValidationFailed) as exc:
            _missing(resp, exc)
            return
        if document.email_digest is not None:
            _page(resp, falcon.HTTP_200, "Confirm your email address", CONFIRM_FORM.format(error=""))
        else:
            _page(resp, falcon.HTTP_200, "You have a file to download",
                  f'<p><a href="{html.escape(req.path)}/download">Download this file</a> '
                  f"({html.escape(document.download_name)})</p>")

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, document_id: str) -> None:
        """The confirm-your-email form: the file when the address is the one it was sent to."""
        form = parse_qs(req.bounded_stream.read(4096).decode("utf-8", "replace"))
        email = (form.get("email_address") or [""])[0]
        try:
            document = usecases.download_document(self._notify, *_ids(req, service_id, document_id), email)
        except WrongEmailAddress as exc:
            error = f'<p role="alert">{html.escape(exc.message)}</p>'
            _page(resp, falcon.HTTP_400, "Confirm your email address", CONFIRM_FORM.format(error=error))
            return
        except (DocumentNotFound, DocumentExpired, ValidationFailed) as exc:
            _missing(resp, exc)
            return
        _file(resp, document)

    # /d/{service_id}/{document_id}/download
    def on_get_download(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                        document_id: str) -> None:
        """The file itself, for files sent without the confirm-your-email step."""
        try:
            document = usecases.download_document(self._notify, *_ids(req, service_id, document_id), None)
        except WrongEmailAddress:
            raise falcon.HTTPSeeOther(req.path.rsplit("/", 1)[0]) from None
        except (DocumentNotFound, DocumentExpired, ValidationFailed) as exc:
            _missing(resp, exc)
            return
        _file(resp, document)
