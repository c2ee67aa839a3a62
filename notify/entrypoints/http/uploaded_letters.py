"""Admin API: POST /service/{id}/send-pdf-letter (a PDF a team member uploaded, sent as a letter)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import letters
from notify.usecases.app import Notify

from .operation import operation
from .schemas.uploaded_letters import SendUploadedLetter, SentLetterId


class UploadedLetterResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(body=SendUploadedLetter, response=SentLetterId, status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: SendUploadedLetter) -> SentLetterId:
        """Send the uploaded PDF `file_id` to the address given; the letter takes the upload's id, so a second
        send of the same upload answers the same id and sends nothing more."""
        return SentLetterId(id=letters.send_uploaded_letter(
            self._notify, service_id, file_id=body.file_id, filename=body.filename, created_by=body.created_by,
            recipient_address=body.recipient_address, postage=body.postage))
