"""Admission: where a checked send is counted against its limits and stored, or refused.

How is the adapter's business: one transaction per send, or many concurrent sends sharing one (group
commit). Whichever it is, each send is counted exactly as if it had been alone."""

from __future__ import annotations

from typing import Protocol

from notify.domain.limits import Admission


class Admissions(Protocol):
    def admit(self, admission: Admission) -> None:
        """Count the send and store its notification (unless simulated), committed before returning. Over any
        of its limits it raises that limit's refusal (RateLimitExceeded, DailyLimitExceeded) and uses nothing."""
        ...
