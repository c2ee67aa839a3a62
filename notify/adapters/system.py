"""The real clock, ids, secrets and password hashing."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import bcrypt

from .random_bytes import RandomBytes


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


# The version (4) and variant (RFC 4122) bits of a random UUID, as uuid.UUID(bytes=..., version=4) sets them.
_VERSION_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION_SET = (4 << 76) | (0x8000 << 48)


class Uuid4Generator:
    """Random (version 4) UUIDs, from random bytes read in bulk."""

    def __init__(self) -> None:
        self._random = RandomBytes(16)

    def new(self) -> uuid.UUID:
        # uuid.UUID(bytes=..., version=4) made directly: its __init__ checks and converts its arguments at
        # several times the cost, once per notification (and per file, key and job).
        made = object.__new__(uuid.UUID)
        object.__setattr__(made, "int", (int.from_bytes(self._random.take(), "big") & _VERSION_CLEAR) | _VERSION_SET)
        object.__setattr__(made, "is_safe", uuid.SafeUUID.unknown)
        return made

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
