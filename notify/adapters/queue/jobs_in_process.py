"""The default job runner: one thread processing jobs in this process, and a scheduler tick.

`enqueue_job` queues a pending job at once; every `tick_interval` seconds the tick (the jobs use case's
scheduler) releases due scheduled jobs and returns those needing a processor (pending, or stalled after a
crash), which are queued unless already waiting. Processing claims each job with a compare-and-set, so a job
queued twice, or by two processes, runs once."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from uuid import UUID

log = logging.getLogger("notify.jobs.runner")

_STOP = object()


class InProcessJobRunner:
    def __init__(self, *, tick_interval: float = 5.0) -> None:
        self._queue: queue.Queue[object] = queue.Queue()
        self._waiting: set[UUID] = set()
        self._lock = threading.Lock()
        self._tick_interval = tick_interval
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._process: Callable[[UUID], object] | None = None
        self._tick: Callable[[], Sequence[UUID]] | None = None

    def enqueue_job(self, job_id: UUID) -> None:
        with self._lock:
            if job_id in self._waiting:
                return
            self._waiting.add(job_id)
        self._queue.put(job_id)

    def start(self, process: Callable[[UUID], object], *, tick: Callable[[], Sequence[UUID]] | None = None) -> None:
        if self._threads:
            raise RuntimeError("the job runner is already running")
        self._process, self._tick = process, tick
        self._stopping.clear()
        targets = [("notify-jobs", self._work)] + ([("notify-jobs-tick", self._tick_loop)] if tick else [])
        for name, target in targets:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._queue.put(_STOP)
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []

    def join(self, timeout: float = 30.0) -> bool:
        """Wait until every queued job has been processed (tests, benchmarks); False on timeout."""
        done = threading.Event()
        threading.Thread(target=lambda: (self._queue.join(), done.set()), daemon=True).start()
        return done.wait(timeout)

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                with self._lock:
                    self._waiting.discard(item)  # type: ignore[arg-type]
                assert self._process is not None
                self._process(item)  # type: ignore[arg-type]
            except Exception:
                log.exception("job %s failed; the tick will pick it up again", item)
            finally:
                self._queue.task_done()

    def _tick_loop(self) -> None:
        while not self._stopping.wait(self._tick_interval):
            try:
                assert self._tick is not None
                for job_id in self._tick():
                    self.enqueue_job(job_id)
            except Exception:
                log.exception("job scheduler tick failed")
