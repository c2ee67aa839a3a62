"""Storage figures on PostgreSQL: insert 100,000 notifications through the repository (add_many, in batches,
one transaction per batch) and read one page of 250 by service and created_at.

    .venv/bin/python bench/storage_bench.py [--url postgresql+psycopg://…] [--rows 100000] [--batch 5000]

Without --url (or NOTIFY_BENCH_DATABASE_URL) it makes a throwaway database the way the tests do, and drops it.
Targets: >= 20,000 rows/s inserted; a page in <= 10 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
from concurrent.futures import ThreadPoolExecutor
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_store import add_services, bench_engine, describe, migrated_store  # noqa: E402
from notify.domain.constants import NotificationStatus, NotificationType  # noqa: E402
from notify.domain.notification import Notification  # noqa: E402

T0 = datetime(2026, 6, 1, tzinfo=timezone.utc)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("NOTIFY_BENCH_DATABASE_URL"))
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--services", type=int, default=10)
    parser.add_argument("--writers", type=int, default=1, help="threads inserting batches at once, each its own "
                        "unit of work (as concurrent job workers would)")
    args = parser.parse_args()
    with bench_engine(args.url) as engine:
        return run(engine, args)


def run(engine, args) -> int:  # type: ignore[no-untyped-def]
    uow = migrated_store(engine)
    services = add_services(uow, args.services, T0)
    template_id = uuid4()
    notifications = [
        Notification(id=uuid4(), service_id=services[i % len(services)].id, template_id=template_id,
                     template_version=1, notification_type=NotificationType.SMS, to="07700900123",
                     normalised_to="447700900123", created_at=T0 + timedelta(milliseconds=i),
                     status=NotificationStatus.CREATED, personalisation={"name": f"Person {i}", "ref": i},
                     client_reference=f"ref-{i}", api_key_id=None)
        for i in range(args.rows)]

    batches = [notifications[start:start + args.batch] for start in range(0, len(notifications), args.batch)]

    def write(mine: list[list[Notification]]) -> None:
        for batch in mine:
            with uow() as u:
                u.notifications.add_many(batch)
                u.commit()

    started = time.perf_counter()
    if args.writers <= 1:
        write(batches)
    else:
        with ThreadPoolExecutor(args.writers) as pool:
            list(pool.map(write, [batches[i::args.writers] for i in range(args.writers)]))
    elapsed = time.perf_counter() - started
    del batches
    del notifications  # a server does not hold 100,000 objects: don't make the reads pay for their GC
    gc.collect()
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE notifications")

    service = services[len(services) // 2]
    timings = []
    with uow() as u:
        for _ in range(30):
            t = time.perf_counter()
            page = u.notifications.list_for_service(service.id, limit=250)
            timings.append((time.perf_counter() - t) * 1000)
        assert len(page) == 250
        anchor = page[-1].id
        t = time.perf_counter()
        next_page = u.notifications.list_for_service(service.id, older_than=anchor, limit=250)
        next_ms = (time.perf_counter() - t) * 1000
        assert len(next_page) == 250
    print(describe(engine))
    print(f"insert: {args.rows:,} notifications via add_many, batches of {args.batch:,}: "
          f"{args.writers} writer(s): {elapsed:.2f} s = {args.rows / elapsed:,.0f} rows/s (personalisation encrypted)")
    print(f"page: 250 newest of one service (of {args.rows // len(services):,}) by service_id, created_at: "
          f"median {statistics.median(timings):.2f} ms, first {timings[0]:.2f} ms, best {min(timings):.2f} ms; "
          f"next page (older_than): {next_ms:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
