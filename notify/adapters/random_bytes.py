"""Random bytes from the OS's CSPRNG, read in bulk: the hot path takes a nonce and an id per notification,
and a system call each would release the GIL, which costs far more to win back than the call itself when
many threads are busy."""

from __future__ import annotations

import os
import threading


class RandomBytes:
    def __init__(self, size: int, batch: int = 256) -> None:
        self._size = size
        self._batch = batch
        self._pool = b""
        self._at = 0  # where the next take starts (slicing the rest off each time would copy it)
        self._lock = threading.Lock()

    def take(self) -> bytes:
        """`size` fresh random bytes (never handed out twice)."""
        with self._lock:
            at = self._at
            if at >= len(self._pool):
                self._pool, at = os.urandom(self._size * self._batch), 0
            self._at = at + self._size
            return self._pool[at:at + self._size]
