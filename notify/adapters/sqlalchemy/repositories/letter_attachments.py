"""Letter attachments in SQL: a partial unique index keeps one live attachment per template."""

from __future__ import annotations

from uuid import UUID

import sqlalchemy as sa

from notify.domain.letter_attachment import LetterAttachment, LetterAttachmentNotFound

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

LETTER_ATTACHMENT = RowMap(LetterAttachment)


class SqlAlchemyLetterAttachmentRepository(SqlRepository[LetterAttachment]):
    table, map = t.letter_attachment, LETTER_ATTACHMENT
    not_found = LetterAttachmentNotFound
    what = "letter attachment"

    def add(self, attachment: LetterAttachment) -> None:
        self._insert(attachment)

    def update(self, attachment: LetterAttachment) -> None:
        self._replace(attachment.id, attachment)

    def get(self, attachment_id: UUID) -> LetterAttachment:
        return self._get_by_id(attachment_id)

    def live_for_template(self, template_id: UUID) -> LetterAttachment | None:
        a = self.table
        return self._one_or_none(sa.select(a).where(a.c.template_id == template_id, a.c.archived_at.is_(None)))
