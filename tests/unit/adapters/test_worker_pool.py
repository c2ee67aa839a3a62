"""The worker threads behind the in-process queues and the Celery publisher."""

from __future__ import annotations

import threading

from notify.adapters.queue.workers import WorkerPool


def test_a_pool_stopped_before_it_ever_ran_still_works_once_started() -> None:
    pool: WorkerPool[int] = WorkerPool("test", batch_size=10)
    pool.stop()  # e.g. a shutdown before the first send: must leave nothing behind for the next start
    handled: list[int] = []
    done = threading.Event()

    def handle(batch: list[int]) -> None:
        handled.extend(batch)
        if len(handled) == 3:
            done.set()

    pool.start(handle)
    for item in (1, 2, 3):
        pool.put(item)
    assert done.wait(5) and sorted(handled) == [1, 2, 3]
    pool.stop()
    assert not pool.running
