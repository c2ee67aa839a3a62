"""POST /v2/notifications/sms with a valid API key under waitress, measured with wrk, beside two bare Falcon
apps (same waitress settings, same run): one that only parses the same JSON, and one that also makes one
autocommit INSERT per request on a pool of 8 connections (PostgreSQL; no rules, no auth). Prints req/s, the
ratios, p50/p99 at peak and at 80% of notify's peak, the p50/p99 from a send to its `delivered` at that 80%
(fake providers answering at once unless --receipt-delay-ms), and `notify serve --workers 1` against
`--workers N` (separate processes on the same database) with the scaling ratio. With --repeat N each app is
measured N times, in turn, and the medians are printed (each round's ratios too): on a shared machine the
figures of one run can be a third off. Every figure for the goals:

    .venv/bin/python bench/send_bench.py                          # a fresh PostgreSQL database (tests' helper)
    .venv/bin/python bench/send_bench.py --worker                 # the same, delivery by `notify worker`
    .venv/bin/python bench/send_bench.py --repeat 3               # medians of 3 rounds

    .venv/bin/python bench/send_bench.py --database-url postgresql+psycopg://... --secret-key KEY
    .venv/bin/python bench/send_bench.py --database-url memory    # or sqlite:////tmp/bench.db
    .venv/bin/python bench/send_bench.py --no-delivery            # the API alone, nothing delivered
    .venv/bin/python bench/send_bench.py --jti --replay-check     # every request a fresh token with a `jti`,
                                                                  # replay protection on (compare with --jti)

The app is built exactly as `notify serve` builds it (bootstrap.open_stores + build_notify + start_background):
the in-process delivery queue delivers to the fake providers, whose receipts come back after
--receipt-delay-ms (0), all in the same process during the measurement. With --worker, the API publishes the ids to RabbitMQ
(127.0.0.1:5672, a queue of this run's own) and one `notify worker` process delivers them, as a deployment that
keeps delivery off the API's cores would. Every run with delivery also reports how far delivery kept up.
Peak: wrk -c16 closed loop. 80%: each connection waits between requests so that the whole load is 80% of the
peak just measured (calibrated, then measured); the latencies there are what a caller sees on a busy but not
saturated server. Needs `wrk` on PATH."""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import attrs  # noqa: E402
import falcon  # noqa: E402
import jwt  # noqa: E402

from notify import bootstrap  # noqa: E402
from notify.config import Settings  # noqa: E402

LUA = """
wrk.method = "POST"
wrk.body = '%(body)s'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %(token)s"
local pause = %(pause_ms)s
if pause > 0 then
  function delay() return pause end
end
"""

# With --jti: each request its own token (a token with an id is accepted once). Thread i of n takes tokens
# i+1, i+1+n, ... of the file; one that runs out starts again, and those replays are refused (non-2xx).
LUA_TOKENS = """
local tokens = {}
for line in io.lines("%(tokens_file)s") do tokens[#tokens + 1] = line end
local threads = %(threads)d
local created = 0
function setup(thread)
  thread:set("first", created + 1)
  created = created + 1
end
local n = nil
function request()
  n = n or first
  if tokens[n] == nil then n = first end
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[n]}
  n = n + threads
  return wrk.format(nil, nil, headers, nil)
end
"""
TOKENS_PER_RUN = 60_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_notify_app(settings: Settings, *, deliver: bool = True):  # type: ignore[no-untyped-def]
    from notify.domain.api_key import ApiKey
    from notify.domain.constants import KeyType, TemplateType
    from notify.domain.template import Template
    from notify.entrypoints.http import create_app
    from notify.usecases import services, users

    stores = bootstrap.open_stores(settings)
    notify = bootstrap.build_notify(settings, stores)
    if deliver:
        notify = bootstrap.start_background(notify, settings)
    suffix = uuid4().hex[:8]
    user = users.create_user(notify, name="Bench", email_address=f"bench.{suffix}@example.gov.uk",
                             password="bench password long enough")
    service = services.create_service(notify, name=f"Bench {suffix}", user_id=user.id, restricted=False,
                                      rate_limit=10**9, sms_message_limit=10**12)
    now = notify.clock.now()
    template = Template(id=uuid4(), service_id=service.id, name="bench", template_type=TemplateType.SMS,
                        content="Hello ((name)), your code is ((code))", created_at=now, created_by=user.id)
    key = ApiKey(id=uuid4(), service_id=service.id, name="bench", secret=str(uuid4()), key_type=KeyType.NORMAL,
                 created_at=now, created_by=user.id)
    with notify.uow() as uow:
        uow.templates.add(template)
        uow.api_keys.add(key)
        uow.commit()
    return create_app(notify), key, template, stores.description, notify


class BareInsertResource:
    """What a naive app pays for durability alone: the parse, then one autocommit INSERT (its own transaction and
    WAL flush) on one of 8 connections."""

    def __init__(self, connections: "queue.Queue[object]") -> None:
        self._connections = connections

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = json.loads(req.bounded_stream.read() or b"{}")
        new_id = uuid4()
        connection = self._connections.get()
        try:
            connection.execute(  # type: ignore[attr-defined]
                "INSERT INTO bench_bare_sends (id, template_id, body) VALUES (%s, %s, %s)",
                (new_id, data.get("template_id"), json.dumps(data)))
        finally:
            self._connections.put(connection)
        resp.status = falcon.HTTP_201
        resp.media = {"id": str(new_id), "template_id": data.get("template_id")}


def bare_insert_app(url: str, pool: int = 8) -> falcon.App:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    connections: queue.Queue[object] = queue.Queue()
    for _ in range(pool):
        connections.put(psycopg.connect(dsn, autocommit=True))
    with psycopg.connect(dsn, autocommit=True) as setup:
        setup.execute("CREATE TABLE IF NOT EXISTS bench_bare_sends (id uuid PRIMARY KEY, template_id text, "
                      "body jsonb, created_at timestamptz NOT NULL DEFAULT now())")
    app = falcon.App()
    app.add_route("/v2/notifications/sms", BareInsertResource(connections))
    return app


class BareResource:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = json.loads(req.bounded_stream.read() or b"{}")
        resp.status = falcon.HTTP_201
        resp.media = {"id": str(uuid4()), "template_id": data.get("template_id")}


def bare_app() -> falcon.App:
    app = falcon.App()
    app.add_route("/v2/notifications/sms", BareResource())
    return app


def serve(app: object, port: int, threads: int) -> None:
    """Every app under waitress set up as `notify serve` sets it up."""
    from notify.entrypoints.waitress_server import ServerOptions, create_server

    server = create_server(app, ServerOptions(port=port, threads=threads))  # type: ignore[arg-type]
    threading.Thread(target=server.run, daemon=True).start()


def start_worker(settings: Settings, workdir: str) -> subprocess.Popen[bytes]:
    """`notify worker` on this run's database and queue; returns once it consumes."""
    env = {**os.environ, "NOTIFY_DATABASE_URL": settings.database_url or "",
           "NOTIFY_SECRET_KEY": settings.secret_keys[0], "NOTIFY_QUEUE_URL": settings.queue_url or "",
           "NOTIFY_QUEUE_NAME": settings.queue_name, "NOTIFY_UPLOAD_DIR": workdir,
           "NOTIFY_FAKE_RECEIPT_DELAY_MS": str(settings.fake_receipt_delay_ms)}
    log = Path(workdir) / "worker.log"
    worker = subprocess.Popen([sys.executable, "-m", "notify", "worker", "--concurrency", "4"], env=env,
                              stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while " ready." not in log.read_text(errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            sys.exit(f"notify worker did not start:\n{log.read_text()}")
        time.sleep(0.1)
    return worker


def backlog(url: str) -> str:
    """How far delivery kept up: what is still `created` right after the last run, and 5 seconds later."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)

    def waiting() -> tuple[int, int]:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT notification_status, count(*) FROM notifications "
                                              "GROUP BY notification_status")).all()
        counts = dict(rows)
        return counts.get("created", 0), sum(counts.values())

    now, total = waiting()
    time.sleep(5)
    later, _ = waiting()
    engine.dispose()
    return f"delivery: {now} of {total} still created after the last run, {later} five seconds later"


def run_wrk(port: int, token: str | Callable[[int], list[str]], body: str, *, seconds: int, connections: int,
            threads: int, pause_ms: float = 0, path: str = "/v2/notifications/sms") -> dict[str, float]:
    """`token`: one token for every request, or a function making n distinct ones (each request its own)."""
    tokens_file = None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if callable(token):
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listed:
                listed.write("\n".join(token(TOKENS_PER_RUN)) + "\n")
            tokens_file = listed.name
            script.write(LUA % {"body": body, "token": "", "pause_ms": f"{pause_ms:.3f}"} +
                         LUA_TOKENS % {"tokens_file": tokens_file, "threads": threads})
        else:
            script.write(LUA % {"body": body, "token": token, "pause_ms": f"{pause_ms:.3f}"})
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
         f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    if tokens_file:
        os.unlink(tokens_file)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    latencies = {p: _ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1))  # type: ignore[union-attr]
                 for p in ("50", "99")}
    return {"rps": rps, "p50": latencies["50"], "p99": latencies["99"],
            "non2xx": float(non2xx.group(1)) if non2xx else 0}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def paced(port: int, token: str | Callable[[int], list[str]], body: str, target_rps: float, args: argparse.Namespace
          ) -> tuple[dict[str, float], datetime]:
    """wrk with a pause before each request on each connection, tuned until the load is `target_rps`; the
    measured runs' figures (medians of --repeat runs) and when the first started."""
    pause = max(0.0, args.connections * 1000 / target_rps)
    for _ in range(4):  # calibrate: the pause plus the answer time sets each connection's rate
        probe = run_wrk(port, token, body, seconds=3, connections=args.connections, threads=args.wrk_threads,
                        pause_ms=pause)
        if abs(probe["rps"] - target_rps) / target_rps < 0.03:
            break
        pause = max(0.0, pause * probe["rps"] / target_rps)
    started = datetime.now(timezone.utc)
    return median_of([run_wrk(port, token, body, seconds=args.seconds, connections=args.connections,
                              threads=args.wrk_threads, pause_ms=pause) for _ in range(args.repeat)]), started


def delivered_latency(url: str, service_id: object, since: datetime, wait: float = 60) -> str:
    """From each send's creation (just before its 201) to its `delivered`, for the sends made since `since`: waits
    until none of them is still on its way (or `wait` seconds), then p50/p99 over the delivered."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    deadline = time.monotonic() + wait
    try:
        with engine.connect() as connection:
            while True:
                pending = connection.execute(sa.text(
                    "SELECT count(*) FROM notifications WHERE service_id = :s AND created_at >= :t "
                    "AND notification_status IN ('created', 'sending', 'pending')"),
                    {"s": service_id, "t": since}).scalar_one()
                connection.rollback()
                if not pending or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            row = connection.execute(sa.text(
                "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY d), "
                "percentile_cont(0.99) WITHIN GROUP (ORDER BY d), max(d) FROM (SELECT extract(epoch FROM "
                "updated_at - created_at) * 1000 AS d FROM notifications WHERE service_id = :s AND "
                "created_at >= :t AND notification_status = 'delivered') AS delivered"),
                {"s": service_id, "t": since}).one()
    finally:
        engine.dispose()
    count, p50, p99, most = row
    if not count:
        return f"send -> delivered: nothing delivered ({pending} still on the way)"
    return (f"send -> delivered @80%: {count} delivered, p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {most:.1f} ms"
            f"{f'; {pending} not delivered after {wait:.0f} s' if pending else ''}")


def start_serve(settings: Settings, workdir: str, port: int, workers: int, args: argparse.Namespace
                ) -> subprocess.Popen[bytes]:
    """`notify serve --workers N` on this run's database (and queue, with --worker); returns once it answers."""
    import urllib.request

    env = {**os.environ, "NOTIFY_DATABASE_URL": settings.database_url or "",
           "NOTIFY_SECRET_KEY": settings.secret_keys[0], "NOTIFY_UPLOAD_DIR": workdir,
           "NOTIFY_ADMIN_CLIENT_SECRET": settings.admin_client_secrets[0],
           "NOTIFY_FAKE_RECEIPT_DELAY_MS": str(settings.fake_receipt_delay_ms),
           "NOTIFY_TOKEN_REPLAY_CHECK": "true" if args.replay_check else "false"}
    if settings.queue_url:
        env.update(NOTIFY_QUEUE_URL=settings.queue_url, NOTIFY_QUEUE_NAME=settings.queue_name)
    log = Path(workdir) / f"serve-{workers}.log"
    server = subprocess.Popen([sys.executable, "-m", "notify", "serve", "--port", str(port), "--workers",
                               str(workers), "--threads", str(args.waitress_threads)], env=env,
                              stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_status", timeout=1):
                pass
            if log.read_text(errors="replace").count("notify serving on") >= workers:
                return server
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            sys.exit(f"notify serve --workers {workers} did not start:\n{log.read_text()}")
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="default: a fresh database on the local PostgreSQL")
    parser.add_argument("--secret-key", default="bench-secret-key-0123456789abcdef0123456789")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--waitress-threads", type=int, default=8, help="as `notify serve`")
    parser.add_argument("--no-delivery", action="store_true", help="measure the API alone")
    parser.add_argument("--worker", action="store_true", help="deliver in a `notify worker` process (RabbitMQ)")
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--jti", action="store_true", help="each request its own token with a `jti`")
    parser.add_argument("--replay-check", action="store_true", help="NOTIFY_TOKEN_REPLAY_CHECK=true")
    parser.add_argument("--receipt-delay-ms", type=int, default=0, help="the fake providers' receipt delay")
    parser.add_argument("--repeat", type=int, default=1,
                        help="measure each app this many times, in turn, and print the medians (a noisy machine)")
    parser.add_argument("--workers", type=int, default=2,
                        help="also measure `notify serve --workers 1` and `--workers N` processes (0: skip)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    url = args.database_url
    if url is None:
        from tests.postgres_server import database_url_for_this_run

        url = database_url_for_this_run()
    postgres = url.startswith("postgresql")
    workdir = tempfile.mkdtemp(prefix="notify-send-bench-")
    settings = attrs.evolve(Settings(), database_url=url, admin_client_secrets=("bench-admin-secret",),
                            secret_keys=(args.secret_key,), upload_dir=workdir,
                            token_replay_check=args.replay_check,
                            fake_receipt_delay_ms=args.receipt_delay_ms)
    worker = None
    if args.worker:
        settings = attrs.evolve(settings, queue_url=args.broker, queue_name=f"notify-bench-{uuid4().hex[:12]}")
    app, key, template, description, notify = build_notify_app(settings, deliver=not args.no_delivery)
    if args.worker:
        worker = start_worker(settings, workdir)
    bootstrap.settle_heap()  # as `notify serve` does before serving
    notify_port, bare_port, insert_port = free_port(), free_port(), free_port()
    serve(app, notify_port, args.waitress_threads)
    serve(bare_app(), bare_port, args.waitress_threads)
    apps = [("bare falcon", bare_port)]
    if postgres:
        serve(bare_insert_app(url), insert_port, args.waitress_threads)
        apps.append(("bare+INSERT", insert_port))
    apps.append(("notify", notify_port))
    time.sleep(0.3)
    body = json.dumps({"phone_number": "07700900123", "template_id": str(template.id),
                       "personalisation": {"name": "Ada", "code": "123456"}})

    def one_token() -> str:  # fresh per run: the server allows 30 seconds of skew
        return jwt.encode({"iss": str(key.service_id), "iat": int(time.time())}, key.secret, algorithm="HS256")

    def distinct_tokens(n: int) -> list[str]:
        iat = int(time.time())
        return [jwt.encode({"iss": str(key.service_id), "iat": iat, "jti": uuid4().hex}, key.secret,
                           algorithm="HS256") for _ in range(n)]

    def token() -> str | Callable[[int], list[str]]:
        return distinct_tokens if args.jti else one_token()

    def measure(port: int) -> dict[str, float]:
        return run_wrk(port, token(), body, seconds=args.seconds, connections=args.connections,
                       threads=args.wrk_threads)

    def measure_here(port: int) -> dict[str, float]:
        """An app in this process: also this process's CPU time per request (threads included; the machine's
        load does not inflate it as it does the wall-clock figures)."""
        cpu = time.process_time()
        result = measure(port)
        result["cpu_ms"] = (time.process_time() - cpu) * 1000 / max(1.0, result["rps"] * args.seconds)
        return result

    rounds: list[dict[str, dict[str, float]]] = [
        {name: measure_here(port) for name, port in apps} for _ in range(args.repeat)]  # the apps in turn
    results = {name: median_of([r[name] for r in rounds]) for name, _ in apps}
    results["notify @80%"], since = paced(notify_port, token(), body, 0.8 * results["notify"]["rps"], args)
    latency = kept_up = None
    if not args.no_delivery and url != "memory":
        latency = delivered_latency(url, key.service_id, since)
        kept_up = backlog(url)
    processes: dict[int, dict[str, float]] = {}
    if args.workers and postgres:
        bootstrap.stop_background(notify)  # the in-process app's deliveries must not share the cores now
        for count in sorted({1, args.workers}):
            port = free_port()
            server = start_serve(settings, workdir, port, count, args)
            try:
                processes[count] = median_of([measure(port) for _ in range(args.repeat)])
            finally:
                server.terminate()
                server.wait(30)
    delivery = "off" if args.no_delivery else ("a notify worker process" if args.worker else "in-process")
    print(f"store: {description}; delivery: {delivery}, fake providers (receipt delay {args.receipt_delay_ms} ms); "
          f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.seconds}s; "
          f"waitress threads={args.waitress_threads}; "
          f"tokens: {'one per request, with a jti' if args.jti else 'one per run, no jti'}, "
          f"replay check {'on' if args.replay_check else 'off'}; admission lanes "
          f"{settings.database.admission_lanes if postgres else 1}")
    for name, r in [*results.items(), *((f"serve -w{n}", r) for n, r in processes.items())]:
        cpu = f"   cpu {r['cpu_ms']:5.2f} ms/req" if "cpu_ms" in r else ""
        print(f"{name:12s} {r['rps']:9.1f} req/s   p50 {r['p50']:7.2f} ms   p99 {r['p99']:7.2f} ms   "
              f"non-2xx {int(r['non2xx'])}{cpu}")
    for other in ("bare falcon", "bare+INSERT"):
        if other in results:
            each = sorted(r["notify"]["rps"] / r[other]["rps"] for r in rounds)
            print(f"ratio notify/{'bare' if other == 'bare falcon' else other}: "
                  f"{results['notify']['rps'] / results[other]['rps']:.2f}"
                  + (f" (each round's: {each[0]:.2f}-{each[-1]:.2f})" if len(each) > 1 else ""))
    if len(processes) == 2:
        print(f"scaling serve --workers {args.workers} / --workers 1: "
              f"{processes[args.workers]['rps'] / processes[1]['rps']:.2f}")
    if latency:
        print(latency)
    if kept_up:
        print(kept_up)
    if worker is not None:
        worker.terminate()
        worker.wait(30)
    if not processes:
        bootstrap.stop_background(notify)  # before the database goes
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
