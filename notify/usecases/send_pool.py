"""Hand-overs to providers at once: a delivery batch's messages go to the provider on several threads, so
that a real provider's round trip (and the hand-over ledger's commit before each call to a provider that is
not idempotent) is waited for in parallel rather than one after another. Without a pool (tests, the fakes)
a batch is handed over in order, on the caller's thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class SendPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`function` over every item, in the items' order. `function` must not raise."""
        work = list(items)
        if len(work) <= 1 or self.workers <= 1:
            return [function(item) for item in work]
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="notify-send")
            executor = self._executor
        return list(executor.map(function, work))

    def stop(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)
