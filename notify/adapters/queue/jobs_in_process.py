"""The default job runner: one thread processing jobs in this process, and a scheduler tick.

`enqueue_job` queues a pending job at once; every `tick_interval` seconds the tick (the jobs use case's
scheduler) releases due scheduled jobs and returns those needing a processor (pending, or stalled after a
crash), which are queued unless already waiting. Processing claims each job with a compare-and-set, so a job
queued twice, or by two processes, runs once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from uuid import UUID

from .workers import WorkerPool


class InProcessJobRunner:
    def __init__(self, *, tick_interval: float = 5.0) -> None:
        self._pool: WorkerPool[UUID] = WorkerPool("notify-jobs")
        self._waiting: set[UUID] = set()
        self._lock = threading.Lock()
        self._tick_interval = tick_interval

    def enqueue_job(self, job_id: UUID) -> None:
        with self._lock:
            if job_id in self._waiting:
                return
            self._waiting.add(job_id)
        self._pool.put(job_id)

    def start(self, process: Callable[[UUID], object], *, tick: Callable[[], Sequence[UUID]] | None = None) -> None:
        def handle(job_ids: list[UUID]) -> None:
            for job_id in job_ids:  # batch_size 1: one job at a time
                with self._lock:
                    self._waiting.discard(job_id)
                process(job_id)

        def tick_and_enqueue() -> None:
            assert tick is not None
            for job_id in tick():
                self.enqueue_job(job_id)

        self._pool.start(handle, periodic=(self._tick_interval, tick_and_enqueue) if tick is not None else None)

    def stop(self, timeout: float = 5.0) -> None:
        self._pool.stop(timeout)

    def join(self, timeout: float = 30.0) -> bool:
        """Wait until every queued job has been processed (tests, benchmarks); False on timeout."""
        return self._pool.join(timeout)
