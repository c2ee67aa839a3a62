"""The default delivery queue: worker threads in this process, so one `notify serve` does the whole job.

Ids wait in a queue.Queue; `workers` daemon threads each take one and call the handler (the delivery use
case). A sweep thread calls `sweep` every `sweep_interval` seconds: it re-enqueues notifications left in
`created` (after a crash, or when the process stopped with ids still queued). Nothing here knows about
notifications beyond their id: the handler owns every rule."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from uuid import UUID

log = logging.getLogger("notify.queue")

Handler = Callable[[UUID], None]
_STOP = object()


class InProcessDeliveryQueue:
    def __init__(self, *, workers: int = 4, sweep_interval: float = 60.0) -> None:
        self._queue: queue.Queue[object] = queue.Queue()
        self._workers = workers
        self._sweep_interval = sweep_interval
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._handler: Handler | None = None
        self._sweep: Callable[[], None] | None = None

    def enqueue(self, notification_id: UUID) -> None:
        self._queue.put(notification_id)

    def start(self, handler: Handler, *, sweep: Callable[[], None] | None = None) -> None:
        """Start the workers (and the sweep, when given). Call once, after `Notify` is built."""
        if self._threads:
            raise RuntimeError("the delivery queue is already running")
        self._handler, self._sweep = handler, sweep
        self._stopping.clear()
        for n in range(self._workers):
            thread = threading.Thread(target=self._work, name=f"notify-delivery-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        if sweep is not None:
            thread = threading.Thread(target=self._sweep_loop, name="notify-delivery-sweep", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        for _ in range(self._workers):
            self._queue.put(_STOP)
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []

    def join(self, timeout: float = 10.0) -> bool:
        """Wait until every queued id has been handled (tests and benchmarks); False on timeout."""
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                assert self._handler is not None
                self._handler(item)  # type: ignore[arg-type]
            except Exception:  # a failed delivery must not kill the worker; the sweep retries it
                log.exception("delivery of %s failed", item)
            finally:
                self._queue.task_done()

    def _sweep_loop(self) -> None:
        while not self._stopping.wait(self._sweep_interval):
            try:
                assert self._sweep is not None
                self._sweep()
            except Exception:
                log.exception("delivery sweep failed")


class SynchronousDeliveryQueue:
    """Delivers inside `enqueue`, on the caller's thread: for tests that want the pipeline without threads.
    With `hold=True` ids are only collected, and `run()` delivers them (to test the `created` state)."""

    def __init__(self, *, hold: bool = False) -> None:
        self.hold = hold
        self.pending: list[UUID] = []
        self._handler: Handler | None = None

    def start(self, handler: Handler, *, sweep: Callable[[], None] | None = None) -> None:
        self._handler = handler

    def enqueue(self, notification_id: UUID) -> None:
        if self.hold or self._handler is None:
            self.pending.append(notification_id)
        else:
            self._handler(notification_id)

    def run(self) -> int:
        """Deliver every held id; returns how many."""
        assert self._handler is not None
        ids, self.pending = self.pending, []
        for notification_id in ids:
            self._handler(notification_id)
        return len(ids)

    def stop(self, timeout: float = 0) -> None:
        pass
