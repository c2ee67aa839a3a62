"""Token ids seen, in this process only (the in-memory store is one process's anyway)."""

from __future__ import annotations

import heapq
import threading
from datetime import datetime


class InMemoryUsedTokens:
    def __init__(self) -> None:
        self._expiry: dict[str, datetime] = {}
        self._by_expiry: list[tuple[datetime, str]] = []
        self._lock = threading.Lock()

    def first_use(self, key: str, *, expires_at: datetime, now: datetime) -> bool:
        with self._lock:
            while self._by_expiry and self._by_expiry[0][0] <= now:
                expired, old = heapq.heappop(self._by_expiry)
                if self._expiry.get(old) == expired:
                    del self._expiry[old]
            if key in self._expiry:
                return False
            self._expiry[key] = expires_at
            heapq.heappush(self._by_expiry, (expires_at, key))
            return True
