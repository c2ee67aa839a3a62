"""Letter attachments, in memory (the contract suite holds it to the SQL one's behaviour)."""

from __future__ import annotations

from uuid import UUID

from notify.domain.letter_attachment import LetterAttachment, LetterAttachmentNotFound

from .base import MemoryRepository


def _both_live(a: LetterAttachment, b: LetterAttachment) -> bool:
    """The SQL unique rule: one live attachment per template."""
    return a.id != b.id and a.template_id == b.template_id and not a.archived and not b.archived


class InMemoryLetterAttachmentRepository(MemoryRepository[LetterAttachment]):
    table_name = "letter_attachment"
    not_found = LetterAttachmentNotFound

    def add(self, attachment: LetterAttachment) -> None:
        self._insert(attachment.id, attachment, lambda other: _both_live(attachment, other), "letter attachment")

    def update(self, attachment: LetterAttachment) -> None:
        self._replace(attachment.id, attachment, lambda other: _both_live(attachment, other))

    def get(self, attachment_id: UUID) -> LetterAttachment:
        return self._get(attachment_id)

    def live_for_template(self, template_id: UUID) -> LetterAttachment | None:
        return next((a for a in self._rows.values() if a.template_id == template_id and not a.archived), None)
