"""Template statistics and background reports on PostgreSQL: a busy service's last 8 UK days of notifications
(many templates, every status, other services' rows beside them); the admin's template statistics for 7 whole
days, a template's last use, and one report (a CSV of a channel's delivered notifications) made and stored.

    .venv/bin/python bench/template_statistics_bench.py [--url postgresql+psycopg://…] [--rows 200000]

Without --url (or NOTIFY_BENCH_DATABASE_URL) it makes a throwaway database the way the tests do, and drops it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from uuid import uuid4

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_store import add_services, bench_engine, describe, migrated_store  # noqa: E402
from notify.adapters.uploads.memory import InMemoryUploadStore  # noqa: E402
from notify.domain.constants import NotificationStatus as S, NotificationType as T  # noqa: E402
from notify.domain.notification import Notification  # noqa: E402
from notify.domain.report_request import StatusFilter  # noqa: E402
from notify.domain.template import Template  # noqa: E402
from notify.testing import FrozenClock, build_test_core  # noqa: E402
from notify.usecases import report_requests, template_statistics  # noqa: E402

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)
STATUSES = (S.DELIVERED, S.DELIVERED, S.DELIVERED, S.SENDING, S.PERMANENT_FAILURE, S.TEMPORARY_FAILURE, S.CREATED)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("NOTIFY_BENCH_DATABASE_URL"))
    parser.add_argument("--rows", type=int, default=200_000, help="the busy service's notifications")
    parser.add_argument("--templates", type=int, default=40)
    args = parser.parse_args()
    with bench_engine(args.url) as engine:
        return run(engine, args)


def run(engine, args) -> int:  # type: ignore[no-untyped-def]
    uow = migrated_store(engine)
    busy, quiet = add_services(uow, 2, NOW - timedelta(days=30))
    templates = [Template(id=uuid4(), service_id=busy.id, name=f"Template {n}",
                          template_type=T.SMS if n % 2 else T.EMAIL, content="Hello", subject=None if n % 2 else "Hi",
                          created_at=NOW - timedelta(days=30), created_by=busy.created_by)
                 for n in range(args.templates)]
    with uow() as u:
        for t in templates:
            u.templates.add(t)
        u.commit()
    span = timedelta(days=8).total_seconds()
    for start in range(0, args.rows, 5_000):
        batch = []
        for i in range(start, min(start + 5_000, args.rows)):
            t = templates[i % len(templates)]
            service = busy if i % 10 else quiet  # a tenth beside them, of another service
            batch.append(Notification(
                id=uuid4(), service_id=service.id, template_id=t.id, template_version=1,
                notification_type=t.template_type, to="07700900123" if t.template_type is T.SMS else "a@b.gov.uk",
                created_at=NOW - timedelta(seconds=span * i / args.rows), status=STATUSES[i % len(STATUSES)]))
        with uow() as u:
            u.notifications.add_many(batch)
            u.commit()
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE notifications")
    notify = attrs.evolve(build_test_core(FrozenClock(NOW), uow=uow), uploads=InMemoryUploadStore())

    stats, last = [], []
    for _ in range(10):
        t0 = time.perf_counter()
        rows = template_statistics.template_statistics(notify, busy.id, 7)
        stats.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        template_statistics.last_used(notify, busy.id, templates[3].id)
        last.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    request, _ = report_requests.request_report(notify, busy.id, user_id=busy.created_by, notification_type="sms",
                                                notification_status=StatusFilter.DELIVERED)
    report_ms = (time.perf_counter() - t0) * 1000
    assert notify.uploads is not None
    lines = notify.uploads.get(busy.id, request.id).data.count(b"\n") - 1
    print(describe(engine))
    print(f"rows: {args.rows:,} notifications over 8 UK days ({args.rows * 9 // 10:,} of the busy service), "
          f"{args.templates} templates")
    print(f"template statistics, 7 whole days ({len(rows)} template x status rows): median "
          f"{statistics.median(stats):,.1f} ms, best {min(stats):,.1f} ms")
    print(f"last use of a template: median {statistics.median(last):,.2f} ms, best {min(last):,.2f} ms")
    print(f"report: {lines:,} delivered texts as CSV, made and stored in {report_ms:,.0f} ms "
          f"({lines / (report_ms / 1000):,.0f} rows/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
