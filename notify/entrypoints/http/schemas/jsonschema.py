"""JSON Schema (2020-12, as OpenAPI 3.1 uses) of the wire classes: every attrs class becomes a named component,
its fields' types and constraints become properties. Requests refuse unknown fields; responses list every
field as present (a field marked omit_if_none may be left out)."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

import attrs

from .fields import QUERY_MAX_LENGTH, HttpsUrl, integer_bounds

Schema = dict[str, Any]
UUID_SCHEMA: Schema = {"type": "string", "format": "uuid"}
HTTPS_URL: Schema = {"type": "string", "pattern": "^https://[^ ]+$"}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


class Components:
    """The named schemas one document refers to, collected as classes are met."""

    def __init__(self) -> None:
        self.schemas: dict[str, Schema] = {}
        self.classes: dict[str, type] = {}

    def ref(self, cls: type, *, request: bool) -> Schema:
        name = cls.__name__
        known = self.classes.get(name)
        if known is not None and known is not cls:
            raise ValueError(f"two wire classes named {name}: {known.__module__} and {cls.__module__}")
        if known is None:
            self.classes[name] = cls
            self.schemas[name] = {}  # placed first: a class may refer to itself
            self.schemas[name] = self.attrs_schema(cls, request=request)
        return {"$ref": f"#/components/schemas/{name}"}

    def attrs_schema(self, cls: type, *, request: bool, params: bool = False) -> Schema:
        hints = typing.get_type_hints(cls)
        props: dict[str, Schema] = {}
        required = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            props[field.name] = self.field_schema(field, hints[field.name], request=request, params=params)
            if (field.default is attrs.NOTHING) if request else not field.metadata.get("omit_if_none"):
                required.append(field.name)
        schema: Schema = {"type": "object", "properties": props, "required": required}
        if request:
            schema["additionalProperties"] = False
        doc = (cls.__doc__ or "").strip()
        if doc and not doc.startswith(cls.__name__ + "("):
            schema["description"] = doc
        return schema

    def field_schema(self, field: attrs.Attribute[Any], kind: Any, *, request: bool, params: bool = False) -> Schema:
        schema = self.type_schema(kind, request=request)
        meta = field.metadata
        if _accepts(kind, int):
            low, high = integer_bounds(field)
            schema = constrain(schema, "integer", minimum=low, maximum=high)
        limit = meta.get("max_length", QUERY_MAX_LENGTH if params else None)
        if limit is not None:
            schema = constrain(schema, "string", maxLength=limit)
        if meta.get("not_blank"):
            schema = constrain(schema, "string", pattern=r"\S")
        if "one_of" in meta:
            schema = constrain(schema, "string", enum=list(meta["one_of"]))
        return schema

    def type_schema(self, kind: Any, *, request: bool) -> Schema:
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (typing.Union, types.UnionType):
            options = [self.type_schema(a, request=request) for a in args if a is not type(None)]
            schema = options[0] if len(options) == 1 else {"anyOf": options}
            return nullable(schema) if type(None) in args else schema
        if origin in (list, tuple, frozenset, set):
            return {"type": "array", "items": self.type_schema(args[0], request=request) if args else {}}
        if origin is dict:
            values = args[1] if len(args) == 2 and args[1] is not Any else None
            if values is None:
                return {"type": "object"}
            return {"type": "object", "additionalProperties": self.type_schema(values, request=request)}
        if kind is HttpsUrl:
            return dict(HTTPS_URL)
        if kind is Any:
            return {}
        if kind is type(None):
            return {"type": "null"}
        if isinstance(kind, type):
            if issubclass(kind, Enum):
                return {"type": "string", "enum": [m.value for m in kind]}
            if issubclass(kind, bool):
                return {"type": "boolean"}
            if issubclass(kind, int):
                return {"type": "integer"}
            if issubclass(kind, float):
                return {"type": "number"}
            if issubclass(kind, str):
                return {"type": "string"}
            if issubclass(kind, UUID):
                return dict(UUID_SCHEMA)
            if issubclass(kind, datetime):
                return {"type": "string", "format": "date-time"}
            if issubclass(kind, date):
                return {"type": "string", "format": "date"}
            if attrs.has(kind):
                return self.ref(kind, request=request)
        raise TypeError(f"no JSON schema for wire type {kind!r}")


def _accepts(kind: Any, wanted: type) -> bool:
    if kind is wanted:
        return True
    return any(_accepts(a, wanted) for a in typing.get_args(kind))


def constrain(schema: Schema, applies_to: str, **keywords: Any) -> Schema:
    """`keywords` added wherever `schema` describes a value of JSON type `applies_to` (through anyOf, arrays)."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [constrain(s, applies_to, **keywords) for s in schema["anyOf"]]}
    if schema.get("type") == "array":
        return {**schema, "items": constrain(schema["items"], applies_to, **keywords)}
    if schema.get("type") == applies_to:
        return {**schema, **keywords}
    return schema
