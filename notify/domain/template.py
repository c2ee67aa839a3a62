"""Templates: versioned message bodies with ((placeholders)). Every saved change is a new immutable version."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import LetterLanguage, TemplateType


@frozen(kw_only=True)
class Template:
    """One version of a template; the newest version is the template, older ones are its history."""

    id: UUID
    service_id: UUID
    name: str
    template_type: TemplateType
    content: str
    created_at: datetime
    created_by: UUID
    version: int = 1
    subject: str | None = None
    archived: bool = False
    hidden: bool = False
    updated_at: datetime | None = None
    postage: str | None = None
    letter_languages: LetterLanguage | None = None
    letter_welsh_subject: str | None = None
    letter_welsh_content: str | None = None
    has_unsubscribe_link: bool = False
    process_type: str = "normal"
    folder_id: UUID | None = None
    reply_to: UUID | None = None
    redact_personalisation: bool = False

    def changed(self, *, now: datetime, **changes: object) -> Template:
        return evolve(self, **changes, version=self.version + 1, updated_at=now)  # type: ignore[arg-type]
