"""Fakes for the system ports: a clock that moves only when told, a fast password hasher."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from notify.adapters.system import BcryptPasswordHasher

T0 = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


class FrozenClock:
    def __init__(self, now: datetime = T0) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


def fast_password_hasher() -> BcryptPasswordHasher:
    """Real bcrypt at its lowest cost: the same rules, a hundred times faster."""
    return BcryptPasswordHasher(rounds=4)
