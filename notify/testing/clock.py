"""A clock that moves only when told: tests of anything time-bound (token age, daily limits, retries)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

T0 = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


class FrozenClock:
    def __init__(self, now: datetime = T0) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, **delta: float) -> datetime:
        """Move on by `timedelta(**delta)` (`advance(minutes=1)`); returns the new time."""
        self._now += timedelta(**delta)
        return self._now
