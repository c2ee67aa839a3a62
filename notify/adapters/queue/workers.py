"""The worker-thread machinery both in-process adapters share: a queue.Queue drained by `workers` daemon
threads (each takes up to `batch_size` items at once and hands them to the handler as a list), plus an
optional periodic thread (the delivery sweep, the job scheduler tick). A failing handler or periodic call is
logged, never fatal: the periodic call is what picks lost work up again.

With `linger`, a worker that has taken one item waits up to that many seconds for more before handing the
batch over: under load, batches grow, and the cost of each transaction is shared by more items.

Items are put in lanes (0 first): a worker takes what waits in a lower lane before anything in a higher one,
so a few urgent items are not stuck behind a long run of bulk ones, and a batch holds one lane's items (the
handler may treat a bulk batch differently, pausing it for more urgent work). `wait_below` lets a producer hold back
until its lane's backlog (put and not yet handled) has drained below a bound."""

from __future__ import annotations

import itertools
import logging
import queue
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

log = logging.getLogger("notify.queue")

T = TypeVar("T")
_STOP = object()
_LAST = sys.maxsize  # the stop sentinels' lane: after everything queued


class WorkerPool(Generic[T]):
    def __init__(self, name: str, *, workers: int = 1, batch_size: int = 1, linger: float = 0.0) -> None:
        self.name = name
        self._linger = linger
        self._queue: queue.PriorityQueue[tuple[int, int, object]] = queue.PriorityQueue()
        self._order = itertools.count()  # FIFO within a lane; never compares the items themselves
        self._pending: Counter[int] = Counter()  # per lane: put and not yet handled
        self._drained = threading.Condition()
        self._workers = workers
        self._batch_size = max(1, batch_size)
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._handle: Callable[[list[T]], object] | None = None

    @property
    def running(self) -> bool:
        return bool(self._threads)

    def put(self, item: T, *, lane: int = 0) -> None:
        self.put_many([item], lane=lane)

    def put_many(self, items: Iterable[T], *, lane: int = 0) -> None:
        items = list(items)
        with self._drained:
            self._pending[lane] += len(items)
        for item in items:
            self._queue.put((lane, next(self._order), item))

    def backlog(self, lane: int = 0) -> int:
        """Items of `lane` put and not yet handled."""
        with self._drained:
            return self._pending[lane]

    def wait_below(self, lane: int, limit: int, timeout: float | None = None) -> bool:
        """Block until fewer than `limit` items of `lane` wait or are being handled (or the workers stop);
        False on timeout."""
        with self._drained:
            return self._drained.wait_for(lambda: self._pending[lane] < limit or not self._threads, timeout)

    def start(self, handle: Callable[[list[T]], object], *,
              periodic: tuple[float, Callable[[], object]] | None = None) -> None:
        """Start the workers, and a thread calling `periodic[1]` every `periodic[0]` seconds. Call once."""
        if self._threads:
            raise RuntimeError(f"{self.name} is already running")
        self._handle = handle
        self._stopping.clear()
        targets = [(f"{self.name}-{n}", self._work) for n in range(self._workers)]
        if periodic is not None:
            interval, call = periodic
            targets.append((f"{self.name}-periodic", lambda: self._every(interval, call)))
        for name, target in targets:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        """Let the workers finish what is queued, then stop them. A no-op when not running (a stop sentinel
        left queued would end the next start's workers at once)."""
        if not self._threads:
            return
        self._stopping.set()
        for _ in range(self._workers):
            self._queue.put((_LAST, next(self._order), _STOP))  # each worker exits after taking exactly one
        for thread in self._threads:
            thread.join(timeout)
        with self._drained:
            self._threads = []
            self._drained.notify_all()  # a producer held back by wait_below goes on

    def join(self, timeout: float) -> bool:
        """Wait until every queued item has been handled (tests, benchmarks); False on timeout."""
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def _work(self) -> None:
        while True:
            batch: list[T] = []
            lanes: list[int] = []
            stop = self._take(batch, lanes, self._queue.get())
            deadline = time.monotonic() + self._linger
            while not stop and len(batch) < self._batch_size:
                try:
                    wait = deadline - time.monotonic()
                    item = self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()
                except queue.Empty:
                    break
                if lanes and item[0] != lanes[0]:  # another lane's: back in its place, for the next batch
                    self._queue.put(item)
                    self._queue.task_done()
                    break
                stop = self._take(batch, lanes, item)
            try:
                if batch:
                    assert self._handle is not None
                    self._handle(batch)
            except Exception:  # a failed batch must not kill the worker; the periodic call retries it
                log.exception("%s: handling %d item(s) failed", self.name, len(batch))
            finally:
                with self._drained:
                    self._pending.subtract(lanes)
                    self._drained.notify_all()
                for _ in batch:
                    self._queue.task_done()
            if stop:
                self._queue.task_done()
                return

    @staticmethod
    def _take(batch: list[T], lanes: list[int], entry: tuple[int, int, object]) -> bool:
        lane, _, item = entry
        if item is _STOP:
            return True
        batch.append(item)  # type: ignore[arg-type]
        lanes.append(lane)
        return False

    def _every(self, interval: float, call: Callable[[], object]) -> None:
        while not self._stopping.wait(interval):
            try:
                call()
            except Exception:
                log.exception("%s: periodic call failed", self.name)
