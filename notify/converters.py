"""cattrs converters, one per edge, built only here. Hooks for domain value types live in one place."""

from __future__ import annotations

from datetime import date, datetime, timezone
from enum import Enum, IntEnum, StrEnum
from typing import Any
from uuid import UUID

import cattrs
from cattrs.preconf.json import make_converter as make_json_converter

WIRE_DATETIME = "%Y-%m-%dT%H:%M:%S.%fZ"


class WireTypeError(ValueError):
    """A value of the wrong JSON type; `expected` names what was wanted (for the field's message)."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def _strict(kind: type, name: str) -> Any:
    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise WireTypeError(name)
        if kind is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, kind):
            raise WireTypeError(name)
        return value

    return structure


def _uuid(value: Any, _: Any) -> UUID:
    if isinstance(value, UUID):
        return value
    if not isinstance(value, str):
        raise WireTypeError("UUID")
    try:
        return UUID(value)
    except ValueError:
        raise WireTypeError("UUID") from None


def _datetime(value: Any, _: Any) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise WireTypeError("datetime") from None
    else:
        raise WireTypeError("datetime")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _date(value: Any, _: Any) -> date:
    if not isinstance(value, str):
        raise WireTypeError("date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise WireTypeError("date") from None


def _enum(value: Any, kind: type[Enum]) -> Enum:
    try:
        return kind(value)
    except ValueError:
        raise WireTypeError("one of: " + ", ".join(str(m.value) for m in kind)) from None


def format_datetime(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime(WIRE_DATETIME)


def make_api_converter() -> cattrs.Converter:
    """JSON over HTTP: strict types (no '1' for 1, no 1 for true), unknown keys refused, UTC timestamps."""
    c = make_json_converter(forbid_extra_keys=True)
    for kind, name in ((str, "string"), (int, "integer"), (float, "number"), (bool, "boolean")):
        c.register_structure_hook(kind, _strict(kind, name))
    c.register_structure_hook(UUID, _uuid)
    c.register_structure_hook(datetime, _datetime)
    c.register_structure_hook(date, _date)
    # Dispatch goes by the MRO: StrEnum and IntEnum must be named, or their str/int base would win.
    for kind in (Enum, StrEnum, IntEnum):
        c.register_structure_hook(kind, _enum)
    c.register_unstructure_hook(UUID, str)
    c.register_unstructure_hook(datetime, format_datetime)
    c.register_unstructure_hook(date, lambda d: d.isoformat())
    return c


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
