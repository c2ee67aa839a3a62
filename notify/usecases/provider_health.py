"""Failover that learns: a provider whose recent sends failed or timed out is moved behind the others for a
while, then given its place back (and demoted again if it still fails).

Each delivering process keeps its own view (a circuit breaker needs no round trip to decide), learned from its
own sends: `failures` errors within `window` seconds demote a provider for `cooldown` seconds. A demoted
provider is still tried after the healthy ones, so a message is never refused because of a demotion. Each
demotion is also written to the shared counters (`provider-demoted:<name>`, the epoch second it ends), so
every process's `GET /provider-details` shows it."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from attrs import frozen

from notify.ports.unit_of_work import UnitOfWork

log = logging.getLogger("notify.provider_health")

T = TypeVar("T")
DEMOTED_KEY = "provider-demoted:"


@frozen(kw_only=True)
class HealthPolicy:
    failures: int = 5  # errors within `window` that demote a provider
    window: float = 60.0  # seconds
    cooldown: float = 60.0  # seconds a demoted provider waits behind the others


class ProviderHealth:
    """Thread-safe; one per process (held by `Notify`)."""

    def __init__(self, policy: HealthPolicy | None = None, *, clock: Any = time.monotonic) -> None:
        self.policy = policy or HealthPolicy()
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._demoted: dict[str, float] = {}
        self._lock = threading.Lock()

    def order(self, providers: Sequence[T]) -> list[T]:
        """The providers in priority order, those demoted now moved to the back (soonest recovered first)."""
        if not self._demoted:
            return list(providers)
        now = self._clock()
        with self._lock:
            until = {name: t for name, t in self._demoted.items() if t > now}
        healthy = [p for p in providers if getattr(p, "name", None) not in until]
        demoted = sorted((p for p in providers if getattr(p, "name", None) in until), key=lambda p: until[p.name])  # type: ignore[attr-defined]
        return healthy + demoted

    def succeeded(self, name: str) -> None:
        if name not in self._failures and name not in self._demoted:
            return
        with self._lock:
            self._failures.pop(name, None)
            if self._demoted.get(name, 0.0) <= self._clock():
                self._demoted.pop(name, None)  # its trial after the cooldown went well: back in its place

    def failed(self, name: str) -> float | None:
        """Count a failure; the seconds it is demoted for when this one demoted it, else None."""
        now = self._clock()
        with self._lock:
            if self._demoted.get(name, 0.0) > now:
                return None
            recent = self._failures.setdefault(name, deque())
            recent.append(now)
            while recent and recent[0] <= now - self.policy.window:
                recent.popleft()
            if len(recent) < self.policy.failures:
                return None
            recent.clear()
            self._demoted[name] = now + self.policy.cooldown
        log.warning("provider %s failed %d times within %.0f s: tried after the others for %.0f s", name,
                    self.policy.failures, self.policy.window, self.policy.cooldown)
        return self.policy.cooldown

    def demoted_names(self) -> set[str]:
        now = self._clock()
        with self._lock:
            return {name for name, until in self._demoted.items() if until > now}


def record_demotion(uow: UnitOfWork, name: str, *, until: datetime) -> None:
    """Publish a demotion to every process (the counter's value is the epoch second it ends)."""
    key = DEMOTED_KEY + name
    target = int(until.timestamp())
    current = uow.counters.find(key) or 0
    if target > current:
        uow.counters.increment(key, expires_at=until + timedelta(days=1), amount=target - current)


def demoted_until(uow: UnitOfWork, name: str, *, now: datetime) -> datetime | None:
    """When the provider's current demotion ends, as any process recorded it; None when it is not demoted."""
    value = uow.counters.find(DEMOTED_KEY + name)
    if not value:
        return None
    until = datetime.fromtimestamp(value, tz=timezone.utc)
    return until if until > now else None
