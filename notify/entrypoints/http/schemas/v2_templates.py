"""Public API templates: one template (any version), the list, and a preview."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.constants import TemplateType
from notify.domain.message import Message
from notify.domain.template import Template
from notify.usecases.v2_templates import TemplateView

from .fields import optional

TYPE_NAMES = [t.value for t in TemplateType]


@define(kw_only=True)
class TemplatesQuery:
    type: str = optional(one_of=TYPE_NAMES)


@define(kw_only=True)
class PreviewRequest:
    personalisation: dict[str, Any] = optional()


@define(kw_only=True)
class Placeholder:
    required: bool


@define(kw_only=True)
class V2Template:
    id: UUID
    type: TemplateType
    created_at: datetime
    updated_at: datetime | None
    created_by: str | None
    version: int
    body: str
    subject: str | None
    name: str
    personalisation: dict[str, Placeholder]
    postage: str | None
    letter_contact_block: str | None

    @classmethod
    def of(cls, view: TemplateView) -> V2Template:
        t = view.template
        return cls(id=t.id, type=t.template_type, created_at=t.created_at, updated_at=t.updated_at,
                   created_by=view.created_by_email, version=t.version, body=t.content,
                   subject=None if t.template_type is TemplateType.SMS else t.subject, name=t.name,
                   personalisation={name: Placeholder(required=True) for name in view.placeholders},
                   postage=t.postage, letter_contact_block=view.letter_contact_block)


@define(kw_only=True)
class TemplateList:
    templates: list[V2Template]


def email_html(body: str) -> str:
    """A plain HTML rendering of the email body (paragraphs and line breaks; no markdown)."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


@define(kw_only=True)
class Preview:
    id: UUID
    type: TemplateType
    version: int
    body: str
    html: str | None
    subject: str | None
    postage: str | None

    @classmethod
    def of(cls, template: Template, message: Message) -> Preview:
        kind = template.template_type
        return cls(id=template.id, type=kind, version=template.version, body=message.body,
                   html=email_html(message.body) if kind is TemplateType.EMAIL else None,
                   subject=message.subject if kind is not TemplateType.SMS else None, postage=template.postage)
