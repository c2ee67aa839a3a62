"""Path parameters, typed and bounded by name in one table: every `{…_id}` is a UUID, `{version}` a template
version. The reader and the OpenAPI document both take them from here."""

from __future__ import annotations

import functools
from typing import Any
from uuid import UUID

import attrs

from .fields import INT_MAX

NAME_MAX_LENGTH = 100  # a word in a URL (a notification type, a provider name)
PATH_PARAMS: dict[str, tuple[type, dict[str, Any]]] = {
    "version": (int, {"minimum": 1, "maximum": INT_MAX}),
    "token": (str, {"max_length": 1000}),  # a signed link's token (an invitation)
}


def path_param(name: str) -> tuple[type, dict[str, Any]]:
    if name in PATH_PARAMS:
        return PATH_PARAMS[name]
    if name.endswith("_id"):
        return UUID, {}
    return str, {"max_length": NAME_MAX_LENGTH}


@functools.cache
def path_class(names: tuple[str, ...]) -> type:
    """An attrs class with one field per path parameter, for the reader."""
    fields = {}
    for name in names:
        kind, constraints = path_param(name)
        fields[name] = attrs.field(type=kind, metadata=constraints)
    return attrs.make_class("Path_" + "_".join(names), fields, kw_only=True)
