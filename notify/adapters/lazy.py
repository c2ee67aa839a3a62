"""Repositories made on first use: a unit of work exposes every repository, a use case touches two or three,
and a unit of work is opened per request (often more)."""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

R = TypeVar("R")


def repository(cls: Callable[[Any], R]) -> functools.cached_property[R]:
    """A unit-of-work attribute holding `cls(unit_of_work.session)`, built the first time it is read."""
    return functools.cached_property(lambda self: cls(self.session))
