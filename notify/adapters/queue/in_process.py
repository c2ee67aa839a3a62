"""The default delivery queue: worker threads in this process, so one `notify serve` does the whole job.

Ids wait in a queue; `workers` threads each take up to `batch_size` at once and hand them to the batch
handler (`delivery.deliver_many`, with the notifications this process has just stored and rendered, so that
delivery need not read them back), or one by one to a per-id handler (`delivery.deliver`).
A sweep thread calls `sweep` every `sweep_interval` seconds: it re-enqueues notifications left in `created`
(after a crash, or when the process stopped with ids still queued). Nothing here knows about notifications
beyond their id: the handler owns every rule.

Fair sharing: a job's notifications go to a bulk lane that the workers serve only when nothing else waits,
so a send through the API is delivered at once even behind a 100,000-row job; and the job's processor is
held back while `bulk_backlog` of its notifications wait, so that it does not race ahead of delivery (every
notification it made would be held in memory, and the ones beyond the prepared store's capacity read back
and rendered again) nor take the processor time that the API's requests need."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from uuid import UUID

from notify.ports.queue import Prepared

from .prepared import PreparedMessages
from .workers import WorkerPool

Handler = Callable[[UUID], object]
BatchHandler = Callable[[list[UUID], Mapping[UUID, Prepared]], object]
IdsHandler = Callable[[list[UUID]], object]

INTERACTIVE, BULK = 0, 1  # lanes: sends, retries and sweeps first; jobs' rows after them


class InProcessDeliveryQueue:
    def __init__(self, *, workers: int = 2, sweep_interval: float = 60.0, batch_size: int = 500,
                 linger: float = 0.05, bulk_backlog: int = 4000) -> None:
        self._bulk_backlog = bulk_backlog
        self._pool: WorkerPool[UUID] = WorkerPool("notify-delivery", workers=workers, batch_size=batch_size,
                                                  linger=linger)
        self._sweep_interval = sweep_interval
        self._prepared = PreparedMessages()

    def enqueue(self, notification_id: UUID) -> None:
        self._pool.put(notification_id)

    def enqueue_prepared(self, prepared: Sequence[Prepared]) -> None:
        """A job's rows (every one with a job id) wait, while the bulk backlog is full, on the job's thread."""
        bulk = bool(prepared) and all(notification.job_id is not None for notification, _ in prepared)
        if bulk:
            self._pool.wait_below(BULK, self._bulk_backlog)
        self._prepared.put_many(prepared)
        self._pool.put_many([notification.id for notification, _ in prepared], lane=BULK if bulk else INTERACTIVE)

    def enqueue_many(self, notification_ids: Sequence[UUID], *, delay: float = 0.0) -> None:
        if delay > 0:
            timer = threading.Timer(delay, self._pool.put_many, [list(notification_ids)])
            timer.daemon = True
            timer.start()
            return
        self._pool.put_many(notification_ids)

    def start(self, handler: Handler | None = None, *, batch: BatchHandler | None = None,
              sweep: Callable[[], object] | None = None) -> None:
        """Start the workers (and the sweep, when given), with a batch handler or a per-id one. Call once,
        after `Notify` is built."""
        if (handler is None) == (batch is None):
            raise TypeError("give exactly one of handler and batch")
        prepared = self._prepared
        if batch is None:
            assert handler is not None
            one = handler

            def run(ids: list[UUID]) -> None:
                prepared.take(ids)  # a per-id handler reads them back
                for notification_id in ids:
                    one(notification_id)
        else:
            many = batch

            def run(ids: list[UUID]) -> None:
                many(ids, prepared.take(ids))

        self._pool.start(run, periodic=(self._sweep_interval, sweep) if sweep is not None else None)

    def stop(self, timeout: float = 5.0) -> None:
        self._pool.stop(timeout)

    def join(self, timeout: float = 10.0) -> bool:
        """Wait until every queued id has been handled (tests and benchmarks); False on timeout."""
        return self._pool.join(timeout)


class SynchronousDeliveryQueue:
    """Delivers inside `enqueue`, on the caller's thread: for tests that want the pipeline without threads.
    With `hold=True` ids are only collected, and `run()` delivers them (to test the `created` state). Ids
    enqueued with a delay (retries) wait in `delayed` until `run_delayed()`."""

    def __init__(self, *, hold: bool = False) -> None:
        self.hold = hold
        self.pending: list[UUID] = []
        self.delayed: list[tuple[float, list[UUID]]] = []
        self._handler: Handler | None = None
        self._batch: IdsHandler | None = None
        self._prepared_batch: BatchHandler | None = None

    def start(self, handler: Handler | None = None, *, batch: IdsHandler | None = None,
              prepared: BatchHandler | None = None, sweep: Callable[[], object] | None = None) -> None:
        """`prepared`: the batch handler for what the sender has just stored and rendered (delivered at once,
        not read back); without it, those are delivered by id like any other."""
        self._handler = handler
        self._batch = batch
        self._prepared_batch = prepared

    def enqueue(self, notification_id: UUID) -> None:
        self.enqueue_many([notification_id])

    def enqueue_prepared(self, prepared: Sequence[Prepared]) -> None:
        if self._prepared_batch is not None and not self.hold:
            self._prepared_batch([notification.id for notification, _ in prepared],
                                 {notification.id: (notification, message) for notification, message in prepared})
            return
        self.enqueue_many([notification.id for notification, _ in prepared])

    def enqueue_many(self, notification_ids: Sequence[UUID], *, delay: float = 0.0) -> None:
        if delay > 0:
            self.delayed.append((delay, list(notification_ids)))
            return
        if self.hold or (self._handler is None and self._batch is None):
            self.pending.extend(notification_ids)
        else:
            self._deliver(list(notification_ids))

    def _deliver(self, ids: list[UUID]) -> None:
        if self._batch is not None:
            self._batch(ids)
            return
        assert self._handler is not None
        for notification_id in ids:
            self._handler(notification_id)

    def run(self) -> int:
        """Deliver every held id; returns how many."""
        ids, self.pending = self.pending, []
        self._deliver(ids)
        return len(ids)

    def run_delayed(self) -> int:
        """Deliver what waits for a retry now, as if its time had come; returns how many."""
        delayed, self.delayed = self.delayed, []
        ids = [notification_id for _, batch in delayed for notification_id in batch]
        self._deliver(ids)
        return len(ids)

    def stop(self, timeout: float = 0) -> None:
        pass
