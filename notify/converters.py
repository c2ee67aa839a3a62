"""cattrs converters, one per edge, built only here. Hooks for domain value types live in one place."""

from __future__ import annotations

from datetime import date, datetime, timezone
from enum import Enum, IntEnum, StrEnum
from typing import Any, get_origin
from uuid import UUID

import cattrs
from cattrs.cols import list_structure_factory
from cattrs.preconf.json import make_converter as make_json_converter

WIRE_DATETIME = "%Y-%m-%dT%H:%M:%S.%fZ"
TRUE_WORDS = frozenset({"true", "1", "yes"})  # as query parameters spell booleans
FALSE_WORDS = frozenset({"false", "0", "no", ""})


class WireTypeError(ValueError):
    """A value of the wrong type; `expected` names what was wanted and `value` is what came (for messages)."""

    def __init__(self, expected: str, value: Any = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.value = value


def _strict(kind: type, name: str) -> Any:
    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise WireTypeError(name, value)
        if kind is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, kind):
            raise WireTypeError(name, value)
        return value

    return structure


def _uuid(value: Any, _: Any) -> UUID:
    if isinstance(value, UUID):
        return value
    if not isinstance(value, str):
        raise WireTypeError("UUID", value)
    try:
        return UUID(value)
    except ValueError:
        raise WireTypeError("UUID", value) from None


def _datetime(value: Any, _: Any) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise WireTypeError("datetime", value) from None
    else:
        raise WireTypeError("datetime", value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _date(value: Any, _: Any) -> date:
    if not isinstance(value, str):
        raise WireTypeError("date", value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise WireTypeError("date", value) from None


def _enum(value: Any, kind: type[Enum]) -> Enum:
    try:
        return kind(value)
    except ValueError:
        raise WireTypeError("one of: " + ", ".join(str(m.value) for m in kind), value) from None


def _object(value: Any, _: Any) -> dict[str, Any]:
    """A JSON object taken as it is (personalisation and the like: any keys, any values)."""
    if not isinstance(value, dict):
        raise WireTypeError("object", value)
    return value


def _is_list(kind: Any) -> bool:
    return get_origin(kind) is list


def _strict_list(kind: Any, converter: cattrs.Converter) -> Any:
    """Only a JSON array is a list (cattrs alone would take a string as a list of its characters)."""
    items = list_structure_factory(kind, converter)

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, list):
            raise WireTypeError("list", value)
        return items(value, kind)

    return structure


def _param_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not (text.lstrip("-").isdigit() and text.isascii()):
        raise WireTypeError("integer", value)
    return int(text)


def _param_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = value.lower() if isinstance(value, str) else None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise WireTypeError("boolean", value)


def format_datetime(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime(WIRE_DATETIME)


def make_api_converter() -> cattrs.Converter:
    """JSON over HTTP: strict types (no '1' for 1, no 1 for true), unknown keys refused, UTC timestamps."""
    c = make_json_converter(forbid_extra_keys=True)
    for kind, name in ((str, "string"), (int, "integer"), (float, "number"), (bool, "boolean")):
        c.register_structure_hook(kind, _strict(kind, name))
    _register_common(c)
    return c


def make_param_converter() -> cattrs.Converter:
    """URL path and query parameters: everything arrives as text, so integers and booleans are read from it."""
    c = make_api_converter()
    c.register_structure_hook(int, _param_int)
    c.register_structure_hook(bool, _param_bool)
    return c


def _register_common(c: cattrs.Converter) -> None:
    c.register_structure_hook(UUID, _uuid)
    c.register_structure_hook(datetime, _datetime)
    c.register_structure_hook(date, _date)
    c.register_structure_hook_func(lambda kind: kind == dict[str, Any], _object)
    c.register_structure_hook_factory(_is_list, _strict_list)
    # Dispatch goes by the MRO: StrEnum and IntEnum must be named, or their str/int base would win.
    for enum_kind in (Enum, StrEnum, IntEnum):
        c.register_structure_hook(enum_kind, _enum)
    c.register_unstructure_hook(UUID, str)
    c.register_unstructure_hook(datetime, format_datetime)
    c.register_unstructure_hook(date, lambda d: d.isoformat())


def make_row_converter() -> cattrs.Converter:
    """Storage rows to domain objects: the driver already gives UUIDs and datetimes; SQLite's are naive."""
    c = cattrs.Converter()
    c.register_structure_hook(UUID, lambda v, _: v if isinstance(v, UUID) else UUID(str(v)))
    c.register_structure_hook(
        datetime, lambda v, _: v if v.tzinfo else v.replace(tzinfo=timezone.utc))
    c.register_structure_hook_func(lambda t: t == frozenset[str], lambda v, _: frozenset(v or ()))
    c.register_structure_hook_func(lambda t: t == frozenset[UUID],
                                   lambda v, _: frozenset(x if isinstance(x, UUID) else UUID(str(x)) for x in v or ()))
    return c
