"""Admin API: a service's precompiled letter template, and the preview of a letter it sent."""

from __future__ import annotations

import base64
from uuid import UUID

import falcon

from notify.usecases import letters
from notify.usecases.app import Notify
from notify.usecases.letter_previews import letter_preview
from notify.usecases.services import get_service

from .operation import operation
from .schemas.templates import LetterPreview, TemplateOut
from .schemas.uploads import PagesQuery


class PrecompiledResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/template/precompiled
    @operation(response=TemplateOut)
    def on_get(self, req: falcon.Request, service_id: UUID) -> TemplateOut:
        """The hidden template that letters uploaded as PDFs are sent with (made the first time it is asked for)."""
        return TemplateOut.of(letters.precompiled_template(self._notify, get_service(self._notify, service_id)))

    # /service/{service_id}/template/preview/{notification_id}/{file_type}
    @operation(query=PagesQuery, response=LetterPreview)
    def on_get_preview(self, req: falcon.Request, service_id: UUID, notification_id: UUID,
                       file_type: str, query: PagesQuery) -> LetterPreview:
        """A sent letter as printed, base64: the whole `pdf`, or one `png` page (`?page=`, 1 by default)."""
        content = letter_preview(self._notify, service_id, notification_id, file_type, query.page)
        return LetterPreview(content=base64.b64encode(content).decode("ascii"), metadata={})
