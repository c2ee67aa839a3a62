"""A short-lived in-process read cache for the hot path (Notify caches service, keys and templates ~2 s).

Entries expire by the injected clock, so tests move time instead of sleeping. A stale entry lives at most
`ttl` seconds: a key revoked or a service archived is refused by every process within that time."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta
from typing import Any, TypeVar

T = TypeVar("T")


class ReadCache:
    def __init__(self, ttl_seconds: float = 2.0, max_entries: int = 10_000) -> None:
        self.ttl = timedelta(seconds=ttl_seconds)
        self._max = max_entries
        self._entries: dict[Hashable, tuple[datetime, Any]] = {}
        self._lock = threading.Lock()

    def get_or_load(self, key: Hashable, now: datetime, load: Callable[[], T]) -> T:
        if self.ttl <= timedelta(0):
            return load()
        with self._lock:
            found = self._entries.get(key)
        if found is not None and found[0] > now:
            return found[1]  # type: ignore[no-any-return]
        value = load()
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
                if len(self._entries) >= self._max:
                    self._entries.clear()
            self._entries[key] = (now + self.ttl, value)
        return value

    def forget(self, key: Hashable) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
