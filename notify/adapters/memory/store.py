"""The in-memory store: plain dicts of frozen domain objects behind one re-entrant lock."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any


class InMemoryStore:
    """Tables are `name -> {key: frozen object}`. A unit of work holds `lock` for its whole life, so
    transactions are serialisable; frozen values make an undo log enough for rollback."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.tables: defaultdict[str, dict[Any, Any]] = defaultdict(dict)
