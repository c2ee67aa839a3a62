"""Admin templates: creation and changes, the list's query, and how a template and its versions are shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

from attrs import define

from notify.domain.constants import LetterLanguage, Postage, TemplateType
from notify.domain.errors import ValidationFailed
from notify.domain.template import Template
from notify.usecases.templates import TemplateVersion

from .fields import QUERY_MAX_LENGTH, Changes, optional, required
from .template_email_files import EmailFileShown

@define(kw_only=True)
class TemplateFields(Changes):
    """What the admin app may set on a template (every field optional: updates merge over the current one)."""

    name: str = optional(max_length=255, not_blank=True)
    template_type: TemplateType = optional()
    content: str = optional(not_blank=True)
    subject: str | None = optional()
    postage: Postage | None = optional()
    letter_languages: LetterLanguage | None = optional()
    letter_welsh_subject: str | None = optional()
    letter_welsh_content: str | None = optional()
    has_unsubscribe_link: bool = optional()
    parent_folder_id: UUID | None = optional()
    reply_to: UUID | None = optional()
    created_by: UUID = optional()
    service: UUID = optional()  # sent by Notify's admin app; the path says which service

    def template_changes(self) -> dict[str, Any]:
        """The named fields in the domain's terms (not the author: see `created_by`)."""
        values = {name: value for name, value in self.changed().items() if name not in ("service", "created_by")}
        if "parent_folder_id" in values:
            values["folder_id"] = values.pop("parent_folder_id")
        if values.get("postage") is not None:
            values["postage"] = values["postage"].value
        return values


@define(kw_only=True)
class CreateTemplate(TemplateFields):
    name: str = required(max_length=255, not_blank=True)
    template_type: TemplateType = required()
    content: str = required(not_blank=True)
    created_by: UUID = required()


@define(kw_only=True)
class UpdateTemplate(TemplateFields):
    archived: bool = optional()


@define(kw_only=True)
class TemplatesQuery:
    template_type: TemplateType | None = optional()


def preview_personalisation(query_string: str) -> dict[str, str]:
    """The preview's personalisation: every query parameter is a placeholder's value (the last one given)."""
    values = {name: found[-1] for name, found in parse_qs(query_string, keep_blank_values=True).items()}
    too_long = sorted(name for name, value in values.items() if len(value) > QUERY_MAX_LENGTH)
    if too_long:
        raise ValidationFailed({name: [f"Longer than maximum length {QUERY_MAX_LENGTH}."] for name in too_long})
    return values


@define(kw_only=True)
class TemplateCommon:
    id: UUID
    name: str
    template_type: TemplateType
    content: str
    subject: str | None
    created_at: datetime
    updated_at: datetime | None
    version: int
    archived: bool
    hidden: bool
    postage: str | None
    service: UUID
    folder: UUID | None
    reply_to: UUID | None
    reply_to_text: str | None
    redact_personalisation: bool
    process_type: str
    is_precompiled_letter: bool
    letter_attachment: Any
    letter_languages: LetterLanguage | None
    letter_welsh_subject: str | None
    letter_welsh_content: str | None
    has_unsubscribe_link: bool
    email_files: list[EmailFileShown]  # the files its emails link to

    @staticmethod
    def fields_of(t: Template) -> dict[str, Any]:
        return dict(
            id=t.id, name=t.name, template_type=t.template_type, content=t.content, subject=t.subject,
            created_at=t.created_at, updated_at=t.updated_at, version=t.version, archived=t.archived,
            hidden=t.hidden, postage=t.postage, service=t.service_id, folder=t.folder_id, reply_to=t.reply_to,
            reply_to_text=None, redact_personalisation=t.redact_personalisation, process_type=t.process_type,
            is_precompiled_letter=t.hidden and t.template_type is TemplateType.LETTER, letter_attachment=None,
            letter_languages=t.letter_languages, letter_welsh_subject=t.letter_welsh_subject,
            letter_welsh_content=t.letter_welsh_content, has_unsubscribe_link=t.has_unsubscribe_link,
            email_files=[])


@define(kw_only=True)
class TemplateOut(TemplateCommon):
    created_by: UUID

    @classmethod
    def of(cls, t: Template, **shown: Any) -> TemplateOut:
        return cls(**{**cls.fields_of(t), **shown}, created_by=t.created_by)


@define(kw_only=True)
class Author:
    id: UUID
    name: str | None
    email_address: str | None


@define(kw_only=True)
class TemplateVersionOut(TemplateCommon):
    created_by: Author

    @classmethod
    def of(cls, version: TemplateVersion) -> TemplateVersionOut:
        user, t = version.created_by, version.template
        author = Author(id=t.created_by, name=None, email_address=None) if user is None else \
            Author(id=user.id, name=user.name, email_address=user.email_address)
        return cls(**cls.fields_of(t), created_by=author)


@define(kw_only=True)
class TemplateListItem:
    id: UUID
    name: str
    template_type: TemplateType
    folder: UUID | None
    is_precompiled_letter: bool

    @classmethod
    def of(cls, t: Template) -> TemplateListItem:
        return cls(id=t.id, name=t.name, template_type=t.template_type, folder=t.folder_id,
                   is_precompiled_letter=t.hidden and t.template_type is TemplateType.LETTER)


@define(kw_only=True)
class LetterPreview:
    """A sent letter's preview, as Notify's admin app reads it."""

    content: str  # the PDF or the PNG page, base64
    metadata: dict[str, str]
