"""Repositories made on first use: a unit of work exposes every repository, a use case touches two or three,
and a unit of work is opened per request (often more)."""

from __future__ import annotations

from typing import Any, Callable, Generic, TypeVar, overload

R = TypeVar("R")


class _Lazy(Generic[R]):
    """Like functools.cached_property without its lock (3.11 takes one on every first read, and a unit of
    work is used by one thread; two threads racing would both build a repository over the same session,
    which is harmless)."""

    def __init__(self, cls: Callable[[Any], R]) -> None:
        self._cls = cls
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _Lazy[R]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> R: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> R | _Lazy[R]:
        if instance is None:
            return self
        value = instance.__dict__[self._name] = self._cls(instance.session)  # type: ignore[attr-defined]
        return value


def repository(cls: Callable[[Any], R]) -> _Lazy[R]:
    """A unit-of-work attribute holding `cls(unit_of_work.session)`, built the first time it is read."""
    return _Lazy(cls)
