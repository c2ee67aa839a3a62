"""The in-process delivery queue shares its workers fairly: a job's rows wait behind other sends, and a job's
processor is held back while its backlog is full."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from uuid import UUID, uuid4

from notify.adapters.queue.in_process import InProcessDeliveryQueue
from notify.adapters.queue.workers import WorkerPool
from notify.ports.queue import Prepared
from tests import factories


def test_a_worker_takes_the_lower_lane_first_and_each_lane_in_order() -> None:
    pool: WorkerPool[str] = WorkerPool("test", batch_size=1)
    pool.put_many(["bulk-1", "bulk-2"], lane=1)
    pool.put_many(["send-1", "send-2"], lane=0)
    handled: list[str] = []
    done = threading.Event()

    def handle(batch: list[str]) -> None:
        handled.extend(batch)
        if len(handled) == 4:
            done.set()

    pool.start(handle)
    assert done.wait(5)
    pool.stop()
    assert handled == ["send-1", "send-2", "bulk-1", "bulk-2"]
    assert pool.backlog(0) == 0 and pool.backlog(1) == 0


def test_an_api_send_is_delivered_before_a_job_backlog_queued_earlier() -> None:
    queue = InProcessDeliveryQueue(workers=1, batch_size=1, linger=0, bulk_backlog=10_000)
    service_id = uuid4()
    job_rows = [factories.notification(service_id, job_id=uuid4(), job_row_number=n) for n in range(50)]
    api_send = factories.notification(service_id)
    queue.enqueue_prepared([(n, None) for n in job_rows])
    queue.enqueue_prepared([(api_send, None)])
    order: list[UUID] = []

    def deliver(ids: list[UUID], _prepared: Mapping[UUID, Prepared]) -> None:
        order.extend(ids)

    queue.start(batch=deliver)
    assert queue.join(5)
    queue.stop()
    assert order[0] == api_send.id
    assert order[1:] == [n.id for n in job_rows]  # nothing lost, nothing twice, the job's rows in order


def test_a_job_is_held_back_while_its_backlog_is_full_and_goes_on_as_it_drains() -> None:
    queue = InProcessDeliveryQueue(workers=1, batch_size=10, linger=0, bulk_backlog=2)
    service_id, job_id = uuid4(), uuid4()
    release = threading.Event()
    delivered: list[UUID] = []

    def deliver(ids: list[UUID], prepared: Mapping[UUID, Prepared]) -> None:
        release.wait(5)
        assert set(prepared) == set(ids)  # held back, not dropped: delivery gets them as prepared
        delivered.extend(ids)

    queue.start(batch=deliver)
    first = [factories.notification(service_id, job_id=job_id) for _ in range(2)]
    queue.enqueue_prepared([(n, None) for n in first])
    second = [factories.notification(service_id, job_id=job_id) for _ in range(2)]
    enqueued = threading.Event()
    producer = threading.Thread(target=lambda: (queue.enqueue_prepared([(n, None) for n in second]),
                                                enqueued.set()))
    producer.start()
    assert not enqueued.wait(0.3)  # two of the job's rows wait: the job's processor waits too
    api_send = factories.notification(service_id)
    queue.enqueue_prepared([(api_send, None)])  # a send is never held back
    release.set()
    assert enqueued.wait(5)
    producer.join(5)
    assert queue.join(5)
    queue.stop()
    assert sorted(delivered) == sorted([n.id for n in first + second] + [api_send.id])


def test_a_stopped_queue_holds_no_job_back() -> None:
    queue = InProcessDeliveryQueue(workers=1, bulk_backlog=1)
    rows = [factories.notification(uuid4(), job_id=uuid4()) for _ in range(3)]
    queue.enqueue_prepared([(n, None) for n in rows[:2]])  # not started: nothing would ever drain
    queue.enqueue_prepared([(n, None) for n in rows[2:]])  # so this returns at once
    delivered: list[UUID] = []
    queue.start(batch=lambda ids, _prepared: delivered.extend(ids))
    assert queue.join(5)
    queue.stop()
    assert delivered == [n.id for n in rows]


def test_a_batch_holds_one_lanes_items_so_a_send_is_never_batched_with_a_jobs_rows() -> None:
    pool: WorkerPool[str] = WorkerPool("test", batch_size=10, linger=0.5)
    pool.put_many(["bulk-1", "bulk-2"], lane=1)
    pool.put_many(["send-1", "send-2"], lane=0)
    batches: list[list[str]] = []
    done = threading.Event()

    def handle(batch: list[str]) -> None:
        batches.append(batch)
        if sum(map(len, batches)) == 4:
            done.set()

    pool.start(handle)
    assert done.wait(5)
    pool.stop()
    assert batches == [["send-1", "send-2"], ["bulk-1", "bulk-2"]]
    assert pool.backlog(0) == 0 and pool.backlog(1) == 0
