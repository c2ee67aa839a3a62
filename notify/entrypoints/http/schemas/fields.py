"""Field declarations for wire classes. Constraints live in the field's metadata so that the reader checks them
and the OpenAPI generator publishes them from the same place."""

from __future__ import annotations

from typing import Any, NewType

import attrs

# The widest integer every store column takes (PostgreSQL INTEGER): larger ones are refused at the edge.
INT_MAX = 2**31 - 1
# Query strings are not covered by the body size limit; no query parameter needs more than this.
QUERY_MAX_LENGTH = 1000
# A look-back in days: far beyond any retention, and small enough that no date arithmetic overflows.
MAX_DAYS = 3650

HttpsUrl = NewType("HttpsUrl", str)  # an absolute https:// URL without spaces

CONSTRAINTS = ("max_length", "minimum", "maximum", "not_blank", "one_of", "message", "blank_is_missing",
               "omit_if_none")  # the last: a response field left out of the JSON when it is None


def _metadata(given: dict[str, Any]) -> dict[str, Any]:
    unknown = set(given) - set(CONSTRAINTS)
    if unknown:
        raise TypeError(f"unknown wire constraints: {sorted(unknown)}")
    return given


def required(**constraints: Any) -> Any:
    """A field the request must carry."""
    return attrs.field(metadata=_metadata(constraints))


def optional(default: Any = None, *, factory: Any = None, **constraints: Any) -> Any:
    """A field the request may leave out (then `default`, or a new `factory()`). Its type says whether JSON
    null is accepted: `str | None` takes null, `str` refuses it (left out is still fine)."""
    if factory is not None:
        return attrs.field(factory=factory, metadata=_metadata(constraints))
    return attrs.field(default=default, metadata=_metadata(constraints))


def integer_bounds(field: attrs.Attribute[Any]) -> tuple[int, int]:
    """Every integer on the wire is bounded: by its own constraints, else by what a store column takes."""
    return field.metadata.get("minimum", -INT_MAX), field.metadata.get("maximum", INT_MAX)


@attrs.define(kw_only=True)
class Changes:
    """A body of optional fields where leaving a field out means "unchanged" (not "set to null"): the reader
    records which fields the request named."""

    given: frozenset[str] = attrs.field(init=False, factory=frozenset)

    def changed(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in sorted(self.given)}
