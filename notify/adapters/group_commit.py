"""Group commit: concurrent callers share one transaction (and one WAL flush) instead of one each.

The writer-queue scheme of LevelDB and of PostgreSQL's own commit path: each caller queues its item; the
caller at the head of the queue becomes a leader, takes everything queued behind it (up to `max_batch`),
runs the batch once and hands every waiter its own outcome. A lone caller leads a batch of one at once, so
there is no added wait when the system is quiet; under load the batch grows by itself while the previous
one is committing. One batch runs at a time per GroupCommit (adapters.admissions keeps one per lane for
several in flight). Nothing returns before its batch has committed: batching never weakens durability."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# A batch runner answers one outcome per item, in order: a result, or the exception that item must raise.
BatchRunner = Callable[[list[T]], Sequence["R | BaseException"]]


class _Waiter(Generic[T, R]):
    __slots__ = ("item", "done", "outcome")

    def __init__(self, item: T) -> None:
        self.item = item
        self.done = False
        self.outcome: R | BaseException | None = None


class GroupCommit(Generic[T, R]):
    def __init__(self, max_batch: int = 64) -> None:
        self._max = max_batch
        self._leading = False
        self._queue: deque[_Waiter[T, R]] = deque()
        self._changed = threading.Condition(threading.Lock())

    def submit(self, item: T, run: BatchRunner[T, R]) -> R:
        """Run `item` in some batch (perhaps led by another thread, with its `run`) and return its outcome."""
        waiter: _Waiter[T, R] = _Waiter(item)
        with self._changed:
            self._queue.append(waiter)
            while not waiter.done and not (self._queue and waiter is self._queue[0] and not self._leading):
                self._changed.wait()  # in the running batch (taken off the queue), or not at the head yet
            if not waiter.done:
                batch = [self._queue.popleft() for _ in range(min(self._max, len(self._queue)))]
                self._leading = True
        if not waiter.done:
            self._lead(batch, run)
        if isinstance(waiter.outcome, BaseException):
            raise waiter.outcome
        return waiter.outcome  # type: ignore[return-value]

    def _lead(self, batch: list[_Waiter[T, R]], run: BatchRunner[T, R]) -> None:
        try:
            outcomes: Sequence[R | BaseException] = run([w.item for w in batch])
            if len(outcomes) != len(batch):
                raise RuntimeError(f"batch runner answered {len(outcomes)} outcomes for {len(batch)} items")
        except BaseException as exc:  # the whole batch failed (the store is down...): each waiter raises it
            outcomes = [exc] * len(batch)
        with self._changed:
            for waiter, outcome in zip(batch, outcomes):
                waiter.outcome = outcome
                waiter.done = True
            self._leading = False
            self._changed.notify_all()  # the waiters of this batch, and the next leader
