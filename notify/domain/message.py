"""A template version plus personalisation becomes the message a recipient gets: the rules Notify applies
to the rendered text of each channel (missing personalisation, emptiness, length
limits, the SMS service-name prefix and whitespace, list values). Placeholder syntax itself (((name)),
((name??text)), name matching) is notify.domain.placeholders' job; this module only calls it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from attrs import frozen

from . import placeholders
from . import sms as sms_rules
from .constants import EMAIL_BYTES_LIMIT, SMS_CHAR_COUNT_LIMIT, TemplateType
from .errors import InvalidRequest
from .template import Template

EMPTY = "Your message is empty."
PLACEHOLDER_AT_EDGES = re.compile(r"^\s*\(\([^()]+\)\).*\(\([^()]+\)\)\s*$|^\s*\(\([^()]+\)\)\s*$", re.DOTALL)


class MissingPersonalisation(InvalidRequest):
    def __init__(self, names: list[str]) -> None:
        super().__init__(f"Missing personalisation: {', '.join(names)}")
        self.names = names


class MessageTooLong(InvalidRequest): ...


class EmptyMessage(InvalidRequest):
    def __init__(self) -> None:
        super().__init__(EMPTY)


@frozen
class Message:
    """What is sent and shown: `body` as the public API returns it (SMS: no prefix), `subject` for email and
    letters, and for SMS the text handed to the provider (`sms_text`, prefix included) and its fragments."""

    template_type: TemplateType
    body: str
    subject: str | None = None
    sms_text: str | None = None
    fragments: int = 0
    has_unsubscribe_link: bool = False  # email: its template asks for a one-click unsubscribe link


def _sms_list(values: list[Any]) -> str:
    items = [str(v) for v in values if v not in (None, "")]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _markdown_list(values: list[Any]) -> str:
    items = [str(v) for v in values if v not in (None, "")]
    return "\n\n" + "\n".join(f"* {item}" for item in items) if items else ""


def _prepared(values: Mapping[str, Any], template_type: TemplateType) -> dict[str, Any]:
    """Values as text: lists become 'a, b and c' in SMS and bullet lists in email and letters."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, list | tuple):
            out[key] = _sms_list(list(value)) if template_type is TemplateType.SMS else _markdown_list(list(value))
        elif value is None or isinstance(value, str):
            out[key] = value
        elif isinstance(value, bool):
            out[key] = str(value)
        else:
            out[key] = str(value)
    return out


def _parts(template: Template) -> list[str]:
    parts = [template.content]
    if template.subject and template.template_type is not TemplateType.SMS:
        parts.append(template.subject)
    if template.template_type is TemplateType.LETTER:
        parts += [p for p in (template.letter_welsh_subject, template.letter_welsh_content) if p]
    return parts


def missing_personalisation(template: Template, values: Mapping[str, Any]) -> list[str]:
    """Placeholders of the template (subject included) with no value or None, in the template's spelling."""
    return _missing(template, placeholders.by_key(values))


def _missing(template: Template, given: Mapping[str, Any]) -> list[str]:
    missing: list[str] = []
    for part in _parts(template):
        for name in placeholders.missing_from(part, given):
            if name not in missing:
                missing.append(name)
    return missing


def _fill(text: str, prepared: Mapping[str, Any]) -> str:
    return placeholders.fill(text, prepared)


_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t\u00a0]+([,.;:!?])")
_SPACES = re.compile(r"[ \t\u00a0]+")
_SPACED_NEWLINE = re.compile(r" ?\r?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")


_NEEDS_NORMALISING = re.compile(r"[\t\u00a0\r\n]|  | [,.;:!?]")


def normalise_sms_whitespace(text: str) -> str:
    if not _NEEDS_NORMALISING.search(text):
        return text.strip()  # the usual case: one search instead of four substitutions
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)  # no whitespace before punctuation
    text = _SPACES.sub(" ", text)
    text = _SPACED_NEWLINE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _checked(template: Template, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values keyed for filling in and prepared as text; MissingPersonalisation when any is missing."""
    given = placeholders.by_key(values)
    missing = _missing(template, given)
    if missing:
        raise MissingPersonalisation(missing)
    return _prepared(given, template.template_type)


def _empty_when_rendered(template: Template, rendered: str) -> bool:
    return not rendered.strip() and bool(PLACEHOLDER_AT_EDGES.match(template.content))


def _sms_body(template: Template, prepared: Mapping[str, Any]) -> str:
    return sms_rules.sanitise(normalise_sms_whitespace(_fill(template.content, prepared)))


def render(template: Template, values: Mapping[str, Any], *, sms_prefix: str | None = None) -> Message:
    """Render and check a message. Raises MissingPersonalisation, EmptyMessage or MessageTooLong (400s)."""
    prepared = _checked(template, values)
    if template.template_type is TemplateType.SMS:
        body = _sms_body(template, prepared)
        if not body:
            raise EmptyMessage()
        length = sms_rules.character_count(body)
        if length > SMS_CHAR_COUNT_LIMIT:
            raise MessageTooLong(
                f"Your message is too long. Text messages cannot be longer than {SMS_CHAR_COUNT_LIMIT} "
                f"characters. Your message is {length} characters long.")
        text = f"{sms_prefix}: {body}" if sms_prefix else body
        return Message(template.template_type, body, None, text, sms_rules.fragment_count(text))
    body = _fill(template.content, prepared).strip()
    if _empty_when_rendered(template, body):
        raise EmptyMessage()
    subject = " ".join(_fill(template.subject or "", prepared).split()) or None
    if template.template_type is TemplateType.EMAIL:
        size = len(body.encode("utf-8"))
        if size > EMAIL_BYTES_LIMIT:
            raise MessageTooLong(f"Your message is too long. Emails cannot be longer than {EMAIL_BYTES_LIMIT} "
                                 f"bytes. Your message is {size} bytes.")
    return Message(template.template_type, body, subject, has_unsubscribe_link=template.has_unsubscribe_link)


def preview(template: Template, values: Mapping[str, Any]) -> Message:
    """The rendered message for the preview endpoint: the same rules, no prefix, no emptiness check."""
    prepared = _checked(template, values)
    if template.template_type is TemplateType.SMS:
        body = _sms_body(template, prepared)
        return Message(template.template_type, body, None, body, sms_rules.fragment_count(body))
    subject = " ".join(_fill(template.subject or "", prepared).split()) or None
    return Message(template.template_type, _fill(template.content, prepared).strip(), subject,
                   has_unsubscribe_link=template.has_unsubscribe_link)


def placeholder_names(template: Template) -> list[str]:
    """Every placeholder of the template, each once, subject first (as Notify lists them)."""
    subject = template.subject if template.template_type is not TemplateType.SMS else None
    return list(placeholders.template_names(template.content, subject))
