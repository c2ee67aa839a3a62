"""Public API (v2) request checks with Notify's JSON-schema wording: every problem is reported at once,
each as `<field> <message>` (quotes removed, as Notify does), e.g. `phone_number is a required property`,
`template_id is not a valid UUID`, `Additional properties are not allowed (foo was unexpected)`."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import falcon

from notify.domain.errors import InvalidRequest, ValidationFailed

from .wire import refuse_unstorable_text

ISO8601 = ("datetime format is invalid. It must be a valid ISO8601 date time format, "
           "https://en.wikipedia.org/wiki/ISO_8601")
Check = Callable[[Any], str | None]  # None when fine, else the message after the field name


def read_json(req: falcon.Request) -> Any:
    """The body as JSON whatever the Content-Type (Notify's force=True); empty or null counts as {}."""
    raw = req.bounded_stream.read()
    if not raw or not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the decoder goes
        raise InvalidRequest("Invalid JSON supplied in POST data") from None
    if b"\\u" in raw or not raw.isascii():  # only an escape or raw UTF-8 can bring text no store takes
        refuse_unstorable_text(value)
    return {} if value is None else value


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False).replace('"', "") if not isinstance(value, str) else value


def string(max_length: int | None = None) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"{_show(value)} is not of type string"
        if max_length is not None and len(value) > max_length:
            return f"{value} is too long"
        return None
    return check


def obj(value: Any) -> str | None:
    return None if isinstance(value, dict) else f"{_show(value)} is not of type object"


def uuid(value: Any) -> str | None:
    if isinstance(value, str):
        try:
            UUID(value)
            return None
        except ValueError:
            pass
    return "is not a valid UUID"


def string_array(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"{_show(value)} is not of type array"
    bad = next((v for v in value if not isinstance(v, str)), None)
    return None if bad is None else f"{_show(bad)} is not of type string"


def https_url(value: Any) -> str | None:
    if isinstance(value, str) and value.startswith("https://") and len(value) > len("https://") \
            and " " not in value:
        return None
    return "is not a valid https url"


def scheduled_for(now: datetime) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"{_show(value)} is not of type string"
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return ISO8601
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        if when < now - timedelta(minutes=1):
            return "datetime can not be in the past"
        if when > now + timedelta(hours=24):
            return "datetime can only be 24 hours in the future"
        return None
    return check


def one_of(choices: list[str]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"{value} is not one of [{', '.join(choices)}]"
    return check


def validate(data: Any, fields: Mapping[str, Check], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """`data` checked against `fields`; raises ValidationFailed listing every problem in Notify's words."""
    if not isinstance(data, dict):
        raise ValidationFailed({"": [f"{_show(data)} is not of type object"]})
    problems: dict[str, list[str]] = {}
    for name in required:
        if name not in data:
            problems.setdefault(name, []).append("is a required property")
    for name, value in data.items():
        check = fields.get(name)
        if check is None:
            continue
        message = check(value)
        if message is not None:
            problems.setdefault(name, []).append(message)
    unexpected = [name for name in data if name not in fields]
    if unexpected:
        verb = "was" if len(unexpected) == 1 else "were"
        problems[""] = [f"Additional properties are not allowed ({', '.join(unexpected)} {verb} unexpected)"]
    if problems:
        raise ValidationFailed(problems)
    return data


def query(req: falcon.Request, allowed: Mapping[str, Check], *, repeatable: tuple[str, ...] = ()) -> dict[str, Any]:
    """Query parameters checked like a body: unknown ones are additional properties; repeatable ones are lists."""
    values: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    for name, raw in req.params.items():
        items = raw if isinstance(raw, list) else [raw]
        if name not in allowed:
            continue
        values[name] = items if name in repeatable else items[-1]
        for item in items:
            message = allowed[name](item)
            if message is not None:
                problems.setdefault(name, []).append(message)
    unexpected = [name for name in req.params if name not in allowed]
    if unexpected:
        verb = "was" if len(unexpected) == 1 else "were"
        problems[""] = [f"Additional properties are not allowed ({', '.join(unexpected)} {verb} unexpected)"]
    if problems:
        raise ValidationFailed(problems)
    return values


def path_uuid(value: str, name: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise ValidationFailed({name: ["is not a valid UUID"]}) from None
