"""Where letter attachments are kept."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from notify.domain.letter_attachment import LetterAttachment


class LetterAttachmentRepository(Protocol):
    def add(self, attachment: LetterAttachment) -> None: ...  # AlreadyExists: the id, or a live one for the template
    def update(self, attachment: LetterAttachment) -> None: ...  # LetterAttachmentNotFound
    def get(self, attachment_id: UUID) -> LetterAttachment: ...  # LetterAttachmentNotFound
    def live_for_template(self, template_id: UUID) -> LetterAttachment | None: ...  # the one not archived
