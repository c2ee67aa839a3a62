"""Admin API: /letter-attachment (pages printed after a letter template's own)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import letter_attachments as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.letter_attachments import ArchiveLetterAttachment, AttachLetter, LetterAttachmentOut


class LetterAttachmentResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /letter-attachment
    @operation(body=AttachLetter, response=LetterAttachmentOut, status=201)
    def on_post(self, req: falcon.Request, body: AttachLetter) -> LetterAttachmentOut:
        """Attach an uploaded file to a template (404 for an unknown template, 400 when it has one already)."""
        return LetterAttachmentOut.of(usecases.attach(
            self._notify, upload_id=body.upload_id, template_id=body.template_id, created_by_id=body.created_by_id,
            original_filename=body.original_filename, page_count=body.page_count))

    # /letter-attachment/{letter_attachment_id}
    @operation(response=LetterAttachmentOut)
    def on_get_item(self, req: falcon.Request, letter_attachment_id: UUID) -> LetterAttachmentOut:
        """One attachment, archived or not."""
        return LetterAttachmentOut.of(usecases.get_attachment(self._notify, letter_attachment_id))

    # /letter-attachment/{letter_attachment_id}/archive
    @operation(body=ArchiveLetterAttachment, status=204)
    def on_post_archive(self, req: falcon.Request, letter_attachment_id: UUID, body: ArchiveLetterAttachment) -> None:
        """Detach it from its template (kept on record); a second archive is a 400."""
        usecases.archive_attachment(self._notify, letter_attachment_id, archived_by=body.archived_by)
