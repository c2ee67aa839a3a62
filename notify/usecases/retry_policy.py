"""How often delivery hands a notification to its providers when they all fail, and how long it waits."""

from __future__ import annotations

from attrs import frozen


@frozen(kw_only=True)
class RetryPolicy:
    """`attempts` hand-overs at most; the wait after the n-th failed one is `first_delay` seconds doubled
    n - 1 times, at most `max_delay`. After the last, the notification is a technical-failure."""

    attempts: int = 5
    first_delay: float = 30.0
    max_delay: float = 900.0

    def delay(self, failed_attempts: int) -> float:
        return float(min(self.max_delay, self.first_delay * 2 ** max(0, failed_attempts - 1)))
