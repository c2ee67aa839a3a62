"""Letter attachments: what the admin app posts once the file is uploaded, and one attachment as Notify shows it."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.letter_attachment import LetterAttachment

from .fields import required

MAX_PAGES = 10_000  # far beyond any printed letter: bounds the column, the printer's own limit applies later


@define(kw_only=True)
class AttachLetter:
    upload_id: UUID = required()  # the uploaded file's id, which the attachment takes
    created_by_id: UUID = required()
    original_filename: str = required(max_length=255, not_blank=True)
    page_count: int = required(minimum=1, maximum=MAX_PAGES)
    template_id: UUID = required()


@define(kw_only=True)
class ArchiveLetterAttachment:
    archived_by: UUID = required()


@define(kw_only=True)
class LetterAttachmentOut:
    id: UUID
    created_at: datetime
    created_by_id: UUID
    archived_at: datetime | None
    archived_by_id: UUID | None
    original_filename: str
    page_count: int

    @classmethod
    def of(cls, a: LetterAttachment) -> LetterAttachmentOut:
        return cls(id=a.id, created_at=a.created_at, created_by_id=a.created_by_id, archived_at=a.archived_at,
                   archived_by_id=a.archived_by_id, original_filename=a.original_filename, page_count=a.page_count)
