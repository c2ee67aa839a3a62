"""Templates: versioned message bodies with ((placeholders)). Every saved change is a new immutable version.

`new_template(...)` builds version 1 and `template.update(...)` the next version (or the same object when nothing
changed: a no-op writes no version). Both apply `check`, Notify's save-time rules: email and letter need a
subject; SMS content (raw, placeholders counted literally) is at most 918 characters and email content at most
2 MB; postage, languages and Welsh text are for letters only; unsubscribe links for email only."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import evolve, fields, frozen

from . import placeholders
from .constants import EMAIL_BYTES_LIMIT, SMS_CHAR_COUNT_LIMIT, LetterLanguage, Postage, TemplateType
from .errors import InvalidRequest, ValidationFailed

DEFAULT_POSTAGE = Postage.SECOND.value
MISSING = "Missing data for required field."


@frozen(kw_only=True)
class Template:
    """One version of a template; the newest version is the template, older ones are its history."""

    id: UUID
    service_id: UUID
    name: str
    template_type: TemplateType
    content: str
    created_at: datetime
    created_by: UUID  # who wrote this version
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

    def update(self, *, now: datetime, by: UUID | None = None, **changes: Any) -> Template:
        """The next version with `changes` applied and checked; `self` when nothing would change."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValidationFailed({name: ["Unknown field."] for name in sorted(unknown)})
        if changes.get("letter_languages") == LetterLanguage.ENGLISH:
            changes.setdefault("letter_welsh_subject", None)
            changes.setdefault("letter_welsh_content", None)
        if all(getattr(self, name) == value for name, value in changes.items()):
            return self
        return check(self.changed(now=now, created_by=by or self.created_by, **changes))

    @property
    def parts(self) -> list[str]:
        """Every text of the template that takes personalisation: subject, content, then Welsh ones."""
        texts = [self.subject] if self.template_type is not TemplateType.SMS else []
        texts.append(self.content)
        if self.template_type is TemplateType.LETTER:
            texts += [self.letter_welsh_subject, self.letter_welsh_content]
        return [t for t in texts if t]

    def placeholder_names(self) -> list[str]:
        """Placeholders of every part, each once, in order of first appearance (subject first)."""
        names: list[str] = []
        seen: set[str] = set()
        for text in self.parts:
            for name in placeholders.names(text):
                if placeholders.key(name) not in seen:
                    seen.add(placeholders.key(name))
                    names.append(name)
        return names

    def missing_personalisation(self, values: Mapping[str, Any]) -> list[str]:
        given = {placeholders.key(str(k)) for k, v in values.items() if v is not None}
        return [n for n in self.placeholder_names() if placeholders.key(n) not in given]

    def preview(self, values: Mapping[str, Any]) -> tuple[str, str | None]:
        """(content, subject) with the placeholders filled in, as the admin preview shows them."""
        missing = self.missing_personalisation(values)
        if missing:
            raise InvalidRequest(f"Missing personalisation: {', '.join(missing)}", field="template")
        subject = placeholders.render(self.subject, values) if self.subject else self.subject
        return placeholders.render(self.content, values), subject


EDITABLE = frozenset(a.name for a in fields(Template)) - {
    "id", "service_id", "template_type", "created_at", "created_by", "version", "updated_at"}


def new_template(*, id: UUID, service_id: UUID, name: str, template_type: TemplateType, content: str,
                 created_by: UUID, now: datetime, **details: Any) -> Template:
    """Version 1 of a template, checked; letters default to second class postage, in English."""
    unknown = set(details) - EDITABLE
    if unknown:
        raise ValidationFailed({name: ["Unknown field."] for name in sorted(unknown)})
    if template_type is TemplateType.LETTER:
        if details.get("postage") is None:
            details["postage"] = DEFAULT_POSTAGE
        if details.get("letter_languages") is None:
            details["letter_languages"] = LetterLanguage.ENGLISH
    if template_type is TemplateType.SMS:
        details["subject"] = None  # text messages have no subject (Notify drops one sent anyway)
    template = Template(id=id, service_id=service_id, name=name, template_type=template_type, content=content,
                        created_by=created_by, created_at=now, version=1, **details)
    return check(template)


def check(template: Template) -> Template:
    """Notify's save-time rules; every problem is reported at once, by field."""
    problems: dict[str, list[str]] = {}
    kind = template.template_type
    if kind is not TemplateType.SMS and not (template.subject or "").strip():
        problems["subject"] = [MISSING]
    if kind is TemplateType.SMS and len(template.content) > SMS_CHAR_COUNT_LIMIT:
        problems["content"] = [f"Content has a character count greater than the limit of {SMS_CHAR_COUNT_LIMIT}"]
    if kind is TemplateType.EMAIL and len(template.content.encode("utf-8")) > EMAIL_BYTES_LIMIT:
        problems["content"] = [f"Content has a size greater than the limit of {EMAIL_BYTES_LIMIT} bytes"]
    if kind is not TemplateType.LETTER:
        for name in ("postage", "letter_languages", "letter_welsh_subject", "letter_welsh_content"):
            if getattr(template, name) is not None:
                problems[name] = ["Only letter templates can have this field"]
    else:
        if template.postage not in {p.value for p in Postage}:
            problems["postage"] = ["Must be one of: " + ", ".join(p.value for p in Postage) + "."]
        if template.letter_languages is LetterLanguage.WELSH_THEN_ENGLISH:
            for name in ("letter_welsh_subject", "letter_welsh_content"):
                if not (getattr(template, name) or "").strip():
                    problems[name] = ["Welsh then English letters need a Welsh subject and content"]
        elif template.letter_welsh_subject is not None or template.letter_welsh_content is not None:
            name = "letter_welsh_subject" if template.letter_welsh_subject is not None else "letter_welsh_content"
            problems[name] = ["Only letters in Welsh then English can have Welsh text"]
    if template.has_unsubscribe_link and kind is not TemplateType.EMAIL:
        problems["has_unsubscribe_link"] = ["Only email templates can have an unsubscribe link"]
    if problems:
        raise ValidationFailed(problems)
    return template
