"""The delivery queue and job queue on Celery, for several `notify serve` and `notify worker` processes sharing
one database. Broker: NOTIFY_QUEUE_URL (RabbitMQ amqp://... or Redis redis://...).

- Messages carry ids only (a notification's or a job's, as text); everything else is read from the database,
  except by a worker delivering the rows of a job it has just processed itself: those it keeps in memory
  (`keep_prepared`, bounded as the in-process queue's), as they were stored.
  Deliveries travel in batches (`notify.deliver_many`, up to `batch_size` ids a message): a worker delivers a
  message's ids together (`delivery.deliver_many`), and `notify serve` publishes the ids its sends produce from
  one thread every `linger` seconds instead of once per request. An id waiting there when the process stops
  is already committed in `created`: the sweep enqueues it again.
- At-least-once: a message is acknowledged after its task returns (`acks_late`), a worker that dies mid-task
  leaves it to be redelivered (`reject_on_worker_lost`; RabbitMQ at once when the connection drops, Redis after
  the visibility timeout), and each worker takes one message per pool slot at a time (prefetch 1).
  Redelivery is harmless: the handlers claim by compare-and-set and record hand-overs (usecases.handover).
- A task that raises is retried with exponential backoff and jitter (1 s, 2 s, 4 s ... at most `retry_max_delay`)
  up to `max_retries` times; what is still `created` after that is the sweep's (`sweep_created`).
- Fair sharing: a job's rows travel on a queue of their own (`<queue>.bulk`), which every worker consumes
  beside the main one, so a send through the API waits behind a message or two of a big job, not behind the
  whole job.
- `CeleryQueue` is what producers hold (`enqueue`, `enqueue_many`, `enqueue_job`); `run_worker` serves the
  tasks with the handlers the composition root gives it, and runs `sweep` every `sweep_interval` seconds on a
  thread of its own (any number of workers may sweep at once)."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from uuid import UUID

from celery import Celery
from kombu import Queue

from notify.ports.queue import Prepared

from .prepared import PreparedMessages
from .workers import WorkerPool

log = logging.getLogger("notify.queue.celery")

DELIVER_MANY = "notify.deliver_many"
PROCESS_JOB = "notify.process_job"
DEFAULT_QUEUE = "notify"
QUEUE_EXPIRES_MS = 24 * 3600 * 1000  # RabbitMQ drops a queue unused this long (test runs use unique names)


def bulk_queue(queue: str) -> str:
    """Where a job's deliveries go, beside `queue`."""
    return f"{queue}.bulk"


def make_celery(broker_url: str, *, queue: str = DEFAULT_QUEUE, redis_visibility_timeout: int = 3600) -> Celery:
    app = Celery("notify", broker=broker_url, set_as_current=False)
    arguments = {"x-expires": QUEUE_EXPIRES_MS} if broker_url.startswith(("amqp", "pyamqp")) else {}
    app.conf.update(
        task_default_queue=queue,
        task_queues=[Queue(name, routing_key=name, queue_arguments=arguments)
                     for name in (queue, bulk_queue(queue))],
        task_default_routing_key=queue,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        broker_transport_options={"visibility_timeout": redis_visibility_timeout},
    )
    return app


class CeleryQueue:
    """DeliveryQueue and JobQueue: publishes ids to the broker."""

    def __init__(self, app: Celery, *, batch_size: int = 200, linger: float = 0.02,
                 keep_prepared: bool = False) -> None:
        """`keep_prepared`: this process serves the tasks too (`notify worker`), so what it enqueues prepared
        may well come back to it."""
        self.app = app
        self._prepared = PreparedMessages() if keep_prepared else None
        self.batch_size = batch_size
        self._outbox: WorkerPool[UUID] = WorkerPool("notify-publish", batch_size=batch_size, linger=linger)
        self._bulk_queue = bulk_queue(app.conf.task_default_queue)
        self._starting = threading.Lock()

    def enqueue(self, notification_id: UUID) -> None:
        """Published with the ids that arrive in the next `linger` seconds, by the publishing thread (at once
        when tasks run eagerly: tests)."""
        if self.app.conf.task_always_eager:
            self.enqueue_many([notification_id])
            return
        if not self._outbox.running:
            with self._starting:
                if not self._outbox.running:
                    self._outbox.start(self.enqueue_many)
        self._outbox.put(notification_id)

    def enqueue_many(self, notification_ids: Sequence[UUID], *, delay: float = 0.0) -> None:
        """`batch_size` ids a message, over one connection; a worker that dies mid-message has it redelivered
        whole, and the ids already moved on are skipped."""
        self._publish(notification_ids, {"countdown": delay} if delay > 0 else {})

    def _publish(self, notification_ids: Sequence[UUID], options: dict[str, object]) -> None:
        if not notification_ids:
            return
        ids = [str(notification_id) for notification_id in notification_ids]
        with self.app.producer_or_acquire() as producer:
            for start in range(0, len(ids), self.batch_size):
                self._send(DELIVER_MANY, ids[start:start + self.batch_size], producer=producer, **options)

    def enqueue_prepared(self, prepared: Sequence[Prepared]) -> None:
        """The ids: a worker in another process reads the notifications from the store. A job's rows go to
        the bulk queue."""
        if self._prepared is not None:
            self._prepared.put_many(prepared)
        if prepared and all(notification.job_id is not None for notification, _ in prepared):
            self._publish([notification.id for notification, _ in prepared], {"queue": self._bulk_queue})
        elif len(prepared) == 1:
            self.enqueue(prepared[0][0].id)
        else:
            self.enqueue_many([notification.id for notification, _ in prepared])

    def take_prepared(self, notification_ids: Sequence[UUID]) -> dict[UUID, Prepared]:
        """Those of these notifications this process enqueued prepared and still keeps (then no longer)."""
        return {} if self._prepared is None else self._prepared.take(notification_ids)

    def enqueue_job(self, job_id: UUID) -> None:
        self._send(PROCESS_JOB, str(job_id))

    def stop(self, timeout: float = 5.0) -> None:
        """Publish what the thread still holds, then stop it."""
        self._outbox.stop(timeout)

    def _send(self, name: str, argument: object, **options: object) -> None:
        task = self.app.tasks.get(name)  # registered here (a worker; eager tests): honours task_always_eager
        if task is not None:
            task.apply_async(args=[argument], **options)
        else:
            self.app.send_task(name, args=[argument], **options)


def register_tasks(app: Celery, *, deliver_many: Callable[[list[UUID]], object],
                   process_job: Callable[[UUID], object], max_retries: int = 8, retry_max_delay: int = 300) -> None:
    """The tasks a worker serves, calling these handlers (the delivery and job use cases)."""
    options = {"shared": False,  # this app's tasks only: handlers differ per app (tests build several)
               "bind": True, "autoretry_for": (Exception,), "retry_backoff": 1, "retry_backoff_max": retry_max_delay,
               "retry_jitter": True, "max_retries": max_retries, "acks_late": True, "reject_on_worker_lost": True}

    @app.task(name=DELIVER_MANY, **options)  # type: ignore[untyped-decorator]
    def deliver_many_task(self: object, notification_ids: list[str]) -> None:
        deliver_many([UUID(notification_id) for notification_id in notification_ids])

    @app.task(name=PROCESS_JOB, **options)  # type: ignore[untyped-decorator]
    def process_job_task(self: object, job_id: str) -> None:
        process_job(UUID(job_id))


def run_worker(app: Celery, *, concurrency: int = 4, sweep: Callable[[], object] | None = None,
               sweep_interval: float = 30.0, loglevel: str = "INFO") -> int:
    """Serve the registered tasks until stopped (SIGTERM/SIGINT: warm shutdown). Threads pool: one process, so
    a SIGKILL takes every task in flight with it, and their messages go back to the broker."""
    stopping = threading.Event()
    if sweep is not None:
        def loop() -> None:
            while not stopping.wait(sweep_interval):
                try:
                    sweep()
                except Exception:
                    log.exception("sweep failed")

        threading.Thread(target=loop, name="notify-worker-sweep", daemon=True).start()
    queues = [q.name for q in app.conf.task_queues]
    worker = app.Worker(hostname=f"notify-{os.getpid()}@{socket.gethostname()}",  # one node name per process
                        concurrency=concurrency, pool="threads", queues=queues, loglevel=loglevel,
                        without_gossip=True, without_mingle=True, without_heartbeat=True, optimization="fair")
    try:
        worker.start()
    finally:
        stopping.set()
    return int(worker.exitcode or 0)
