"""The real clock, ids, secrets and password hashing."""

from __future__ import annotations

import os
import threading
import uuid
from datetime import datetime, timezone

import bcrypt


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class Uuid4Generator:
    """Random (version 4) UUIDs from the OS's CSPRNG, read 256 ids' worth at a time: one read per id would be a
    system call per notification on the hot path."""

    _BATCH = 256

    def __init__(self) -> None:
        self._pool = b""
        self._lock = threading.Lock()

    def new(self) -> uuid.UUID:
        with self._lock:
            if not self._pool:
                self._pool = os.urandom(16 * self._BATCH)
            raw, self._pool = self._pool[:16], self._pool[16:]
        return uuid.UUID(bytes=raw, version=4)

    def new_secret(self) -> str:
        return str(uuid.uuid4())  # Notify's key secrets are uuid4 strings, which its client expects


class BcryptPasswordHasher:
    """bcrypt as Notify uses it: cost 10, input truncated to bcrypt's 72 bytes."""

    def __init__(self, rounds: int = 10) -> None:
        self._rounds = rounds

    def hash(self, password: str) -> str:
        return bcrypt.hashpw(password.encode()[:72], bcrypt.gensalt(self._rounds)).decode()

    def verify(self, password: str, hashed: str) -> bool:
        try:
            return bcrypt.checkpw(password.encode()[:72], hashed.encode())
        except ValueError:
            return False
