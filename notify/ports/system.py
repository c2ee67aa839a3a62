"""Time, identity and hashing: everything the core must not take from the process itself."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID


class Clock(Protocol):
    def now(self) -> datetime: ...  # tz-aware UTC


class IdGenerator(Protocol):
    def new(self) -> UUID: ...


class SecretGenerator(Protocol):
    def new_secret(self) -> str: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password: str, hashed: str) -> bool: ...
