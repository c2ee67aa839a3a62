"""The real clock, ids, secrets and password hashing."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone

import bcrypt


class SystemClock:
    def now(self) -> datetime:
        return _now(_UTC)


_now, _UTC = datetime.now, timezone.utc  # read several times a send


# The version (4) and variant (RFC 4122) bits of a random UUID, as uuid.UUID(bytes=..., version=4) sets them.
_VERSION_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION_SET = (4 << 76) | (0x8000 << 48)
# UUID's slots, set as its __init__ sets them (object.__setattr__: UUID refuses assignment otherwise).
_set_int = uuid.UUID.__dict__["int"].__set__
_set_is_safe = uuid.UUID.__dict__["is_safe"].__set__
_UNKNOWN = uuid.SafeUUID.unknown  # an enum member read through a property each time otherwise


class Uuid4Generator:
    """Random (version 4) UUIDs, from random bytes read in bulk."""

    def __init__(self, batch: int = 256) -> None:
        self._batch = batch
        self._values: list[int] = []  # made a batch at a time; list.pop hands each to one caller only

    def new(self) -> uuid.UUID:
        # uuid.UUID(bytes=..., version=4) made directly: its __init__ checks and converts its arguments at
        # several times the cost, once per notification (and per file, key and job).
        try:
            value = self._values.pop()
        except IndexError:
            value = self._refill()
        made = object.__new__(uuid.UUID)
        _set_int(made, value)
        _set_is_safe(made, _UNKNOWN)
        return made

    def _refill(self) -> int:
        pool = os.urandom(16 * self._batch)
        values = [(int.from_bytes(pool[at:at + 16], "big") & _VERSION_CLEAR) | _VERSION_SET
                  for at in range(0, len(pool), 16)]
        value = values.pop()
        self._values.extend(values)  # another thread may refill at once: both batches are fresh
        return value

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
