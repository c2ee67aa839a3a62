"""Reading requests: bodies checked field by field against an attrs class (types via the API converter),
query and path parameters; errors name the field, in marshmallow's wording as Notify's admin API does."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

import attrs
import falcon

from notify.converters import FALSE_WORDS, TRUE_WORDS, make_api_converter
from notify.domain.errors import ValidationFailed

from .schemas.fields import INT_MAX, optional, required
from .schemas.reading import ADMIN, admin_json, refuse_unstorable_text, structure

API = make_api_converter()
T = TypeVar("T")

MISSING = "Missing data for required field."
TRUE_VALUES = TRUE_WORDS
FALSE_VALUES = FALSE_WORDS


def body(req: falcon.Request) -> dict[str, Any]:
    """The JSON object of the request; an empty body is `{}`, anything but an object is refused."""
    media = admin_json(req)
    if not isinstance(media, dict):
        raise ValidationFailed(ADMIN.not_an_object(media))
    return media


def parse(data: Mapping[str, Any], schema: type, *, partial: bool = False) -> dict[str, Any]:
    """The fields of `data` that `schema` (an attrs class) declares, structured by cattrs and checked against
    their constraints; every problem is reported at once. `partial` is accepted for classes whose fields are
    all optional anyway."""
    value: Any = structure(dict(data), schema, ADMIN)
    return {f.name: getattr(value, f.name) for f in attrs.fields(schema) if f.init and f.name in data}


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
    minimum = -INT_MAX if minimum is None else minimum
    maximum = INT_MAX if maximum is None else maximum
    if value < minimum:
        raise ValidationFailed({name: [message or f"Must be greater than or equal to {minimum}."]})
    if value > maximum:
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


__all__ = ["INT_MAX", "body", "dump", "optional", "parse", "path_uuid", "query_bool", "query_date", "query_int",
           "query_required", "query_uuid", "refuse_unstorable_text", "required"]
