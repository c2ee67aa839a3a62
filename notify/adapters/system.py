"""The real clock, ids, secrets and password hashing."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import bcrypt

from .random_bytes import RandomBytes


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class Uuid4Generator:
    """Random (version 4) UUIDs, from random bytes read in bulk."""

    def __init__(self) -> None:
        self._random = RandomBytes(16)

    def new(self) -> uuid.UUID:
        return uuid.UUID(bytes=self._random.take(), version=4)

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
