"""`attrs.evolve` for a fixed set of changed fields, compiled once: evolve walks every field of the class
and builds a dict of keyword arguments on each call, and a notification is copied with a new status several
times per message (its receipt, and the in-memory store's writes)."""

from __future__ import annotations

from types import MemberDescriptorType
from typing import Any, Callable, TypeVar

import attrs

T = TypeVar("T")


def replacer(cls: type[T], *changed: str) -> Callable[..., T]:
    """`replace(instance, *values)`: a copy of `instance` with `changed` (in that order) set to `values`, equal
    to what attrs.evolve makes. A slotted class whose __init__ only stores its arguments (no validator,
    converter or post-init) has each slot set directly, skipping the keyword call and the by-name setattr;
    any other goes through its own __init__, as evolve does."""
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)  # type: ignore[arg-type]
    unknown = set(changed) - {field.name for field in fields}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    namespace: dict[str, Any] = {"cls": cls, "new": object.__new__}
    slots = {field.name: _slot(cls, field.name) for field in fields}
    plain = not hasattr(cls, "__attrs_post_init__") and all(
        slots[field.name] is not None and field.init and field.validator is None and field.converter is None
        for field in fields)
    if plain:
        lines = []
        for field in fields:
            namespace[f"set_{field.name}"] = slots[field.name].__set__  # type: ignore[union-attr]
            value = field.name if field.name in changed else f"instance.{field.name}"
            lines.append(f"    set_{field.name}(made, {value})\n")
        body = "    made = new(cls)\n" + "".join(lines) + "    return made\n"
    else:
        arguments = [f"{field.alias}={field.name if field.name in changed else 'instance.' + field.name}"
                     for field in fields if field.init]
        body = f"    return cls({', '.join(arguments)})\n"
    exec(f"def replace(instance, {', '.join(changed)}):\n{body}", namespace)  # noqa: S102 - the class's own names
    return namespace["replace"]  # type: ignore[no-any-return]


def _slot(cls: type, name: str) -> MemberDescriptorType | None:
    """The slot descriptor storing attribute `name` (None when it is not a slot)."""
    found = next((klass.__dict__[name] for klass in cls.__mro__ if name in klass.__dict__), None)
    return found if isinstance(found, MemberDescriptorType) else None
