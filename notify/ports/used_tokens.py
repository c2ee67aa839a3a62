"""Replay protection for request tokens: a token id (JWT `jti`) is only good once while the token is valid."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class UsedTokens(Protocol):
    def first_use(self, key: str, *, expires_at: datetime, now: datetime) -> bool:
        """Record `key` as used until `expires_at`. True the first time; False while an earlier record of it has
        not expired (every process sharing the store sees the same answer). Raises StoreUnavailable."""
        ...
