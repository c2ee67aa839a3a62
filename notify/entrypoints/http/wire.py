"""Reading requests: bodies checked field by field against an attrs class (types via the API converter),
query and path parameters; errors name the field, in marshmallow's wording as Notify's admin API does."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

import attrs
import falcon

from notify.converters import WireTypeError, make_api_converter
from notify.domain.errors import InvalidRequest, ValidationFailed

API = make_api_converter()
T = TypeVar("T")

MISSING = "Missing data for required field."
UNKNOWN = "Unknown field."
INT_MAX = 2**31 - 1  # the widest integer every store column takes (PostgreSQL INTEGER)
TRUE_VALUES = frozenset({"true", "1", "yes"})
FALSE_VALUES = frozenset({"false", "0", "no", ""})


def body(req: falcon.Request) -> dict[str, Any]:
    """The JSON object of the request; an empty body is `{}`, anything but an object is refused."""
    try:
        media = req.get_media(default_when_empty=None)
    except RecursionError:  # nested deeper than the JSON decoder goes: not a body anyone means to send
        raise InvalidRequest("Invalid JSON supplied in POST data") from None
    if media is None:
        return {}
    if not isinstance(media, dict):
        raise ValidationFailed({"_schema": ["Invalid input type."]})
    refuse_unstorable_text(media)
    return media


NUL = "NUL characters (\\u0000) are not allowed in POST data"
SURROGATE = "Unpaired surrogate characters (\\ud800-\\udfff) are not allowed in POST data"


def refuse_unstorable_text(value: Any) -> None:
    """A string anywhere in this JSON value (keys included) that no store can take is refused here, as a 400,
    rather than failing in the store: NUL (PostgreSQL text cannot hold it) or an unpaired surrogate (a JSON
    escape such as \\ud800 alone, which UTF-8 cannot encode)."""
    problem = _unstorable(value)
    if problem is not None:
        raise InvalidRequest(problem)


def _unstorable(value: Any) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return NUL
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return SURROGATE
        return None
    if isinstance(value, dict):
        return next((p for k, v in value.items() for p in (_unstorable(k), _unstorable(v)) if p), None)
    if isinstance(value, list):
        return next((p for p in map(_unstorable, value) if p), None)
    return None


def parse(data: Mapping[str, Any], schema: type, *, partial: bool = False) -> dict[str, Any]:
    """The fields of `data` that `schema` (an attrs class) declares, converted to their types.
    Unknown fields, missing required fields (unless `partial`) and wrong types are all reported at once."""
    problems: dict[str, list[str]] = {}
    declared = {f.name: f for f in attrs.fields(attrs.resolve_types(schema))}
    for name in data:
        if name not in declared:
            problems[name] = [UNKNOWN]
    values: dict[str, Any] = {}
    for name, spec in declared.items():
        if name not in data:
            if not partial and spec.default is attrs.NOTHING:
                problems[name] = [MISSING]
            continue
        try:
            values[name] = API.structure(data[name], spec.type)
        except Exception as exc:  # cattrs wraps nested failures in exception groups
            problems[name] = [_type_message(exc)]
            continue
        limit = spec.metadata.get("max_length")
        if limit is not None and isinstance(values[name], str) and len(values[name]) > limit:
            problems[name] = [f"Longer than maximum length {limit}."]
        if isinstance(values[name], int) and not isinstance(values[name], bool) and abs(values[name]) > INT_MAX:
            problems[name] = [f"Must be less than or equal to {INT_MAX}."]
            continue
        minimum = spec.metadata.get("minimum")
        if minimum is not None and isinstance(values[name], int) and values[name] < minimum:
            problems[name] = [f"Must be greater than or equal to {minimum}."]
        if spec.metadata.get("not_blank") and isinstance(values[name], str) and not values[name].strip():
            problems[name] = ["Field may not be blank."]
    if problems:
        raise ValidationFailed(problems)
    return values


def _type_message(exc: BaseException) -> str:
    found = _first_wire_error(exc)
    if found is None:
        return "Not a valid value."
    if found.expected.startswith("one of"):
        return f"Must be {found.expected}."
    return f"Not a valid {found.expected}."


def _first_wire_error(exc: BaseException) -> WireTypeError | None:
    if isinstance(exc, WireTypeError):
        return exc
    for inner in getattr(exc, "exceptions", ()):
        found = _first_wire_error(inner)
        if found is not None:
            return found
    if isinstance(exc, TypeError | AttributeError):
        return WireTypeError("list" if "iter" in str(exc) else "value")
    return None


def optional(**metadata: Any) -> Any:
    """An optional wire field (absent keys are simply not in the parsed result)."""
    return attrs.field(default=None, metadata=metadata)


def required(**metadata: Any) -> Any:
    return attrs.field(metadata=metadata)


def path_uuid(value: str, name: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise ValidationFailed({name: ["Not a valid UUID."]}) from None


def query_bool(req: falcon.Request, name: str, default: bool = False) -> bool:
    raw = req.get_param(name)
    if raw is None:
        return default
    if raw.lower() in TRUE_VALUES:
        return True
    if raw.lower() in FALSE_VALUES:
        return False
    raise ValidationFailed({name: ["Not a valid boolean."]})


def query_int(req: falcon.Request, name: str, default: int | None = None, *, minimum: int | None = None,
              maximum: int | None = None, message: str | None = None) -> int | None:
    raw = req.get_param(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationFailed({name: [message or "Not a valid integer."]}) from None
    if minimum is not None and value < minimum:
        raise ValidationFailed({name: [message or f"Must be greater than or equal to {minimum}."]})
    if maximum is not None and value > maximum:
        raise ValidationFailed({name: [message or f"Must be less than or equal to {maximum}."]})
    return value


def query_uuid(req: falcon.Request, name: str) -> UUID | None:
    raw = req.get_param(name)
    return None if raw is None else path_uuid(raw, name)


def query_date(req: falcon.Request, name: str) -> date | None:
    raw = req.get_param(name)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed({name: ["Not a valid date."]}) from None


def query_required(req: falcon.Request, name: str) -> str:
    raw = req.get_param(name)
    if raw is None or raw == "":
        raise ValidationFailed({name: [MISSING]})
    return raw


def dump(value: Any) -> Any:
    """Domain or wire values to JSON-ready data (UUIDs as str, timestamps in Notify's UTC format)."""
    return API.unstructure(value)
