"""A service's dashboard page on PostgreSQL with 1,000,000 notifications spread over the last year (texts,
emails and letters in several statuses, 5 templates): the rows inserted by generate_series, the daily status
facts built for every past day (as the nightly build leaves them), then the whole page (GET through the Falcon
app, signed-in session, HTML with its SVG charts) timed.

    .venv/bin/python bench/dashboard_bench.py [--url postgresql+psycopg://…] [--rows 1000000] [--runs 30] [--profile]

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

import falcon
import falcon.testing

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_store import add_services, bench_engine, describe, migrated_store  # noqa: E402
from notify.domain.constants import TemplateType  # noqa: E402
from notify.domain.facts import uk_date  # noqa: E402
from notify.domain.template import Template  # noqa: E402
from notify.domain.user import User  # noqa: E402
from notify.entrypoints import web  # noqa: E402
from notify.entrypoints.http import create_app  # noqa: E402
from notify.entrypoints.web.session import COOKIE, Sessions  # noqa: E402
from notify.testing import FrozenClock, build_test_core  # noqa: E402
from notify.usecases import dashboard, facts, web_sign_in  # noqa: E402

SECRET = "bench-secret"
DAYS = 365

# One statement: row i is made `i` steps back across the year, its channel, template and status from i.
INSERT = """
INSERT INTO notifications (id, "to", service_id, template_id, template_version, key_type, notification_type,
                           created_at, notification_status, billable_units)
SELECT gen_random_uuid(), 'someone', %(service)s, (%(templates)s::uuid[])[1 + i %% 5], 1, 'normal',
       (ARRAY['sms', 'sms', 'email', 'email', 'letter'])[1 + i %% 5],
       %(now)s::timestamptz - (i * interval '1 second' * %(spread)s),
       (ARRAY['delivered', 'delivered', 'delivered', 'delivered', 'sending', 'permanent-failure',
              'temporary-failure', 'technical-failure', 'delivered'])[1 + i %% 9], 1
FROM generate_series(1, %(rows)s) AS i
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("NOTIFY_BENCH_DATABASE_URL"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="print where one render's time goes (cProfile)")
    args = parser.parse_args()
    with bench_engine(args.url) as engine:
        return run(engine, args)


def run(engine, args) -> int:  # type: ignore[no-untyped-def]
    now = datetime.now(timezone.utc)
    uow = migrated_store(engine)
    [service] = add_services(uow, 1, now - timedelta(days=DAYS + 1))
    admin = User(id=uuid4(), name="Bench admin", email_address=f"admin-{uuid4().hex[:8]}@example.gov.uk",
                 password_hash="x", created_at=now, platform_admin=True)
    kinds = (TemplateType.SMS, TemplateType.SMS, TemplateType.EMAIL, TemplateType.EMAIL, TemplateType.LETTER)
    templates = [Template(id=uuid4(), service_id=service.id, name=f"Template {n}", template_type=kinds[n],
                          content="Hello", subject=None if kinds[n] is TemplateType.SMS else "Hi",
                          created_at=now, created_by=admin.id) for n in range(5)]
    with uow() as u:
        u.users.add(admin)
        for template in templates:
            u.templates.add(template)
        u.commit()
    t = time.perf_counter()
    with engine.begin() as connection:
        # rows follow the channel order above: template n is of channel n (i % 5 picks both)
        connection.exec_driver_sql(INSERT, {"service": str(service.id), "templates": [str(x.id) for x in templates],
                                            "now": now, "spread": DAYS * 86_400 / args.rows, "rows": args.rows})
        connection.exec_driver_sql("ANALYZE notifications")
    inserted = time.perf_counter() - t
    notify = build_test_core(FrozenClock(now), uow=uow)
    today = uk_date(now)
    t = time.perf_counter()
    facts.build_days(notify, today - timedelta(days=DAYS + 1), today - timedelta(days=1))
    built = time.perf_counter() - t

    app = create_app(notify)
    web.mount(app, notify, secret=SECRET)
    client = falcon.testing.TestClient(app)
    cookie = session_cookie(notify, admin.id)
    path = f"/admin-ui/services/{service.id}/dashboard"
    shown = dashboard.service_dashboard(notify, service.id)
    assert sum(bar.total.sent for bar in shown.months) > 0 and shown.days[-1].total.sent > 0
    timings = []
    for _ in range(args.runs + 3):
        t = time.perf_counter()
        page = client.simulate_get(path, cookies={COOKIE: cookie})
        timings.append((time.perf_counter() - t) * 1000)
        assert page.status_code == 200 and "<svg" in page.text, page.status_code
    timings = sorted(timings[3:])  # the first renders compile the templates
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.simulate_get, path, cookies={COOKIE: cookie})
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
    load = os.getloadavg()
    print(describe(engine))
    print(f"{args.rows:,} notifications over {DAYS} days inserted in {inserted:.1f} s; facts of {DAYS + 1} days "
          f"built in {built:.1f} s")
    print(f"dashboard page (GET, HTML with 6 SVG charts), {args.runs} runs: median {statistics.median(timings):.1f} ms, "
          f"p90 {timings[int(len(timings) * 0.9) - 1]:.1f} ms, best {timings[0]:.1f} ms "
          f"(load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, {os.cpu_count()} cores)")
    return 0


def session_cookie(notify, user_id) -> str:  # type: ignore[no-untyped-def]
    """The cookie a signed-in browser sends (as the code page leaves it after a good code)."""
    sid = web_sign_in.start_session(notify, user_id)
    sessions = Sessions(web.session_key(SECRET))
    resp = falcon.Response()
    sessions.save(falcon.testing.create_req(), resp, {**sessions.fresh(), "user": str(user_id), "sid": str(sid)})
    return resp._cookies[COOKIE].value  # type: ignore[index]


if __name__ == "__main__":
    sys.exit(main())
