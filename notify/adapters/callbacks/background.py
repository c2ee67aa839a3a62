"""The default TaskRunner: worker threads in this process (the shared WorkerPool), plus one timer thread that
hands delayed tasks to the pool when they are due (one heap, not a thread per waiting task).

Threads start on first use, as daemons. What waits is lost when the process stops: Notify's callbacks live in
SQS; ours are best-effort, like its own (a service that is down for longer than the retries misses them).
At most `max_waiting` delayed tasks are held; past that a new one is dropped (logged), so a service that is
down cannot grow memory without bound."""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable

from notify.adapters.queue.workers import WorkerPool

log = logging.getLogger("notify.tasks")

Task = Callable[[], object]


class BackgroundTaskRunner:
    def __init__(self, name: str = "notify-tasks", *, workers: int = 4, max_waiting: int = 100_000) -> None:
        self.name = name
        self._pool: WorkerPool[Task] = WorkerPool(name, workers=workers)
        self._max_waiting = max_waiting
        self._due: list[tuple[float, int, Task]] = []
        self._order = itertools.count()
        self._cond = threading.Condition()
        self._timer: threading.Thread | None = None
        self._stopping = False

    def later(self, task: Task, *, delay: float = 0.0) -> None:
        self._start()
        if delay <= 0:
            self._pool.put(task)
            return
        with self._cond:
            if len(self._due) >= self._max_waiting:
                log.warning("%s: %d tasks already waiting; one more dropped", self.name, len(self._due))
                return
            heapq.heappush(self._due, (time.monotonic() + delay, next(self._order), task))
            self._cond.notify()

    @property
    def waiting(self) -> int:
        """Delayed tasks not yet due."""
        with self._cond:
            return len(self._due)

    def join(self, timeout: float = 10.0) -> bool:
        """Wait until nothing is queued, running or waiting for its delay (tests); False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if self.waiting == 0 and (not self._pool.running or self._pool.join(left)) and self.waiting == 0:
                return True
            time.sleep(0.01)

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._timer is not None:
            self._timer.join(timeout)
            self._timer = None
        if self._pool.running:
            self._pool.stop(timeout)

    def _start(self) -> None:
        if self._timer is not None:
            return
        with self._cond:
            if self._timer is not None:
                return
            self._stopping = False
            self._pool.start(self._run)
            timer = threading.Thread(target=self._hand_over_when_due, name=f"{self.name}-timer", daemon=True)
            timer.start()
            self._timer = timer

    @staticmethod
    def _run(tasks: list[Task]) -> None:
        for task in tasks:
            try:
                task()
            except Exception:  # a task's own failure is its business; the worker carries on
                log.exception("background task failed")

    def _hand_over_when_due(self) -> None:
        with self._cond:
            while not self._stopping:
                if not self._due:
                    self._cond.wait()
                    continue
                wait = self._due[0][0] - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                _, _, task = heapq.heappop(self._due)
                self._pool.put(task)
