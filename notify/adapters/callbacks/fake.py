"""Fakes for tests: a callback sender that records every post and fails as scripted, and a task runner that
only runs what it holds when told to (so retries are seen, with their delays, without waiting)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen

from notify.ports.callbacks import CallbackFailed, CallbackOutcome, RejectedCallbackError, RetryableCallbackError


@frozen
class SentCallback:
    url: str
    bearer_token: str
    payload: dict[str, Any]


class FakeCallbackSender:
    """Records each post in `sent` (failed ones too). `script(...)` queues what the next posts do: an int
    status (2xx succeeds; 5xx and 429 raise RetryableCallbackError; others RejectedCallbackError) or an
    exception instance to raise. Unscripted posts answer 200."""

    def __init__(self) -> None:
        self.sent: list[SentCallback] = []
        self._script: list[int | BaseException] = []
        self._lock = threading.Lock()

    def script(self, *outcomes: int | BaseException) -> None:
        with self._lock:
            self._script.extend(outcomes)

    def post(self, url: str, bearer_token: str, payload: Mapping[str, Any]) -> CallbackOutcome:
        with self._lock:
            self.sent.append(SentCallback(url, bearer_token, dict(payload)))
            outcome: int | BaseException = self._script.pop(0) if self._script else 200
        if isinstance(outcome, BaseException):
            raise outcome
        if 200 <= outcome < 300:
            return CallbackOutcome(status=outcome)
        error: type[CallbackFailed] = RetryableCallbackError if outcome >= 500 or outcome == 429 \
            else RejectedCallbackError
        raise error(f"the service answered {outcome}", status=outcome)

    @property
    def payloads(self) -> list[dict[str, Any]]:
        return [call.payload for call in self.sent]


class ManualTaskRunner:
    """Holds tasks with their delays; `run_all()` runs them (and what they hand over in turn) on the caller's
    thread. `delays` records every delay asked for, in order."""

    def __init__(self) -> None:
        self.waiting: list[tuple[float, Callable[[], object]]] = []
        self.delays: list[float] = []

    def later(self, task: Callable[[], object], *, delay: float = 0.0) -> None:
        self.waiting.append((delay, task))
        self.delays.append(delay)

    def run_all(self, limit: int = 1000) -> int:
        """Run until nothing waits (at most `limit` tasks); returns how many ran."""
        ran = 0
        while self.waiting and ran < limit:
            _, task = self.waiting.pop(0)
            task()
            ran += 1
        return ran
