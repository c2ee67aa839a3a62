"""What an in-memory repository works with: the store's tables and this unit of work's undo log."""

from __future__ import annotations

from typing import Any

from .store import InMemoryStore

_MISSING = object()


class InMemorySession:
    """Every write goes through put/delete, which remember the old value, so rollback() can restore it."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._undo: list[tuple[str, Any, Any]] = []

    def table(self, name: str) -> dict[Any, Any]:
        return self._store.tables[name]

    def put(self, name: str, key: Any, value: Any) -> None:
        table = self._store.tables[name]
        self._undo.append((name, key, table.get(key, _MISSING)))
        table[key] = value

    def delete(self, name: str, key: Any) -> None:
        table = self._store.tables[name]
        if key in table:
            self._undo.append((name, key, table.pop(key)))

    def keep(self) -> None:
        """Commit: what was written stays."""
        if self._undo:
            self._undo = []

    def rollback(self) -> None:
        if not self._undo:
            return
        for name, key, old in reversed(self._undo):
            if old is _MISSING:
                self._store.tables[name].pop(key, None)
            else:
                self._store.tables[name][key] = old
        self._undo = []
