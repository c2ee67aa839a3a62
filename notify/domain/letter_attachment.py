"""Pages a team uploads to print after a letter template's own (Notify's LetterAttachment): a template has at
most one that is not archived; an archived one stays on record, detached."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .errors import NotFound


class LetterAttachmentNotFound(NotFound): ...


@frozen(kw_only=True)
class LetterAttachment:
    id: UUID  # the upload's id: the file is stored under it
    service_id: UUID
    template_id: UUID
    created_by_id: UUID
    original_filename: str
    page_count: int
    created_at: datetime
    archived_at: datetime | None = None
    archived_by_id: UUID | None = None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def archived_by(self, user_id: UUID, *, now: datetime) -> LetterAttachment:
        return evolve(self, archived_at=now, archived_by_id=user_id)
