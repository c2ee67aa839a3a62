"""Daily facts on PostgreSQL: one UK day of notifications (texts, emails and letters in every status, across
services) folded into billing and status facts, built again (the nightly run's idempotent rebuild), and a
service's monthly usage read from the facts.

    .venv/bin/python bench/facts_bench.py [--url postgresql+psycopg://…] [--rows 200000] [--services 50]

Without --url (or NOTIFY_BENCH_DATABASE_URL) it makes a throwaway database the way the tests do, and drops it.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_store import add_services, bench_engine, describe, migrated_store  # noqa: E402
from notify.domain.billing import financial_year_dates  # noqa: E402
from notify.domain.constants import NotificationStatus as S, NotificationType as T  # noqa: E402
from notify.domain.notification import Notification  # noqa: E402
from notify.domain.service import Service  # noqa: E402
from notify.testing import FrozenClock, build_test_core  # noqa: E402
from notify.usecases import billing, facts  # noqa: E402

DAY_START = datetime(2026, 6, 14, 0, 0, tzinfo=timezone.utc) - timedelta(hours=1)  # UK midnight (BST)
STATUSES = (S.DELIVERED, S.DELIVERED, S.DELIVERED, S.SENDING, S.PERMANENT_FAILURE, S.TECHNICAL_FAILURE, S.CREATED)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("NOTIFY_BENCH_DATABASE_URL"))
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--services", type=int, default=50)
    parser.add_argument("--templates", type=int, default=5, help="templates per service")
    args = parser.parse_args()
    with bench_engine(args.url) as engine:
        return run(engine, args)


def notification(i: int, service: Service, templates: list[object]) -> Notification:
    kind = (T.SMS, T.SMS, T.EMAIL, T.LETTER)[i % 4]
    return Notification(
        id=uuid4(), service_id=service.id, template_id=templates[i % len(templates)],  # type: ignore[arg-type]
        template_version=1, notification_type=kind, to="07700900123" if kind is not T.EMAIL else "a@b.gov.uk",
        created_at=DAY_START + timedelta(milliseconds=i * 86_400_000 // 1_000_000 + i % 1000),
        status=STATUSES[i % len(STATUSES)], sent_by={T.SMS: "mmg", T.EMAIL: "ses", T.LETTER: "dvla"}[kind],
        billable_units=1 + i % 3, rate_multiplier=1.0 if i % 50 else 2.0, international=i % 50 == 0,
        postage=("second", "first", "economy")[i % 3] if kind is T.LETTER else None)


def run(engine, args) -> int:  # type: ignore[no-untyped-def]
    uow = migrated_store(engine)
    services = add_services(uow, args.services, DAY_START)
    templates = {s.id: [uuid4() for _ in range(args.templates)] for s in services}
    for start in range(0, args.rows, 5_000):
        batch = [notification(i, services[i % len(services)], templates[services[i % len(services)].id])
                 for i in range(start, min(start + 5_000, args.rows))]
        with uow() as u:
            u.notifications.add_many(batch)
            u.commit()
    gc.collect()
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE notifications")

    notify = build_test_core(FrozenClock(DAY_START + timedelta(days=1, hours=12)), uow=uow)
    day = (DAY_START + timedelta(hours=2)).date()
    t = time.perf_counter()
    built = facts.build_day(notify, day)
    first_ms = (time.perf_counter() - t) * 1000
    again = []
    for _ in range(3):
        t = time.perf_counter()
        rebuilt = facts.build_day(notify, day)
        again.append((time.perf_counter() - t) * 1000)
        assert rebuilt == built
    with uow() as u:
        first, last = financial_year_dates(2026)
        assert sum(f.notifications_sent for f in u.facts.billing_between(first, last)) > 0
    reads = []
    service = services[len(services) // 2]
    for _ in range(20):
        t = time.perf_counter()
        usage = billing.yearly_usage(notify, service.id, 2026)
        reads.append((time.perf_counter() - t) * 1000)
    print(describe(engine))
    print(f"day: {args.rows:,} notifications of one UK day, {args.services} services x {args.templates} templates")
    print(f"build: {built.billing_facts:,} billing facts and {built.status_facts:,} status facts in {first_ms:,.0f} ms; "
          f"built again (idempotent, same rows): median {statistics.median(again):,.0f} ms")
    print(f"read: one service's yearly usage from the facts ({len(usage)} rows): median "
          f"{statistics.median(reads):.2f} ms, best {min(reads):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
