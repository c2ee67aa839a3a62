"""Typed converters for set-valued attributes: `converter=frozenset` leaves the element type unknown to a
type checker, so callers passing a set or a list would go unchecked."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID


def frozen_strings(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


def frozen_ids(values: Iterable[UUID]) -> frozenset[UUID]:
    return frozenset(values)
