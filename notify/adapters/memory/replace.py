"""`attrs.evolve` for a fixed set of changed fields, compiled once: evolve walks every field of the class
and builds a dict of keyword arguments on each call, and the in-memory store replaces a notification
several times per message."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

import attrs

T = TypeVar("T")


def replacer(cls: type[T], *changed: str) -> Callable[..., T]:
    """`replace(instance, *values)`: a copy of `instance` with `changed` (in that order) set to `values`,
    made through the class's own __init__ exactly as attrs.evolve makes it."""
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)  # type: ignore[arg-type]
    arguments = []
    for field in fields:
        if not field.init:
            continue
        value = field.name if field.name in changed else f"instance.{field.name}"
        arguments.append(f"{field.alias}={value}")
    unknown = set(changed) - {field.name for field in fields}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    source = f"def replace(instance, {', '.join(changed)}):\n    return cls({', '.join(arguments)})\n"
    namespace: dict[str, Any] = {"cls": cls}
    exec(source, namespace)  # noqa: S102 - the source is made from the class's own field names
    return namespace["replace"]  # type: ignore[no-any-return]
