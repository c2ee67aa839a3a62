"""The nightly purge under load: 1,000,000 expired notifications on PostgreSQL purged by `notify purge` while a
running `notify serve` keeps taking sends through the v2 API.

    .venv/bin/python bench/purge_bench.py                        # 1,000,000 rows, 4 sending clients
    .venv/bin/python bench/purge_bench.py --rows 200000 --clients 8
    .venv/bin/python bench/purge_bench.py --database-url postgresql+psycopg://... --secret-key KEY

The bench starts `notify serve` (its own sweep held off, so that the purge measured is the one started here),
makes a live service with an SMS template and a key through the admin API, and writes the expired rows straight
into `notifications` with one INSERT ... SELECT generate_series (30 days old, delivered, each with a recipient
and an encrypted-sized personalisation blob). Then `--clients` threads send through /v2/notifications/sms, one
request at a time each, for `--baseline` seconds (latency before the purge), and go on sending while
`notify purge` runs as a process of its own (latency during the purge).

Prints: rows, the purge's duration and rows/s (as `notify purge` reports it, and the process's wall time), the
send p50/p99/max and sends/s before and during the purge, the machine's load average, and a check: no expired
row left, every one in history, the sends made meanwhile untouched."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jwt  # noqa: E402
import psycopg  # noqa: E402
import requests  # noqa: E402

from bench.job_bench import Admin, provision, start, wait_for  # noqa: E402
from tests.e2e.conftest import ADMIN_CLIENT_ID, ADMIN_SECRET, free_port  # noqa: E402

FILL = """
INSERT INTO notifications (id, "to", normalised_to, service_id, template_id, template_version, api_key_id,
    key_type, billable_units, notification_type, created_at, sent_at, sent_by, updated_at, notification_status,
    reference, client_reference, _personalisation, international, phone_prefix, rate_multiplier)
SELECT gen_random_uuid(), '07700900' || lpad((i %% 900 + 100)::text, 3, '0'),
    '447700900' || lpad((i %% 900 + 100)::text, 3, '0'), %(service_id)s, %(template_id)s, 1, NULL, 'normal', 1,
    'sms', now() - interval '30 days' + i * interval '1 millisecond', now() - interval '30 days',
    'fake-sms', now() - interval '30 days', 'delivered', 'ref-' || i, 'client-' || i,
    repeat('x', 120), false, '44', 1
FROM generate_series(1, %(rows)s) AS i
"""


class Senders:
    """`clients` threads, each sending one SMS at a time through the v2 API; every latency kept with its time."""

    def __init__(self, base_url: str, service_id: str, template_id: str, secret: str, clients: int) -> None:
        self.base_url, self.service_id, self.template_id, self.secret = base_url, service_id, template_id, secret
        self.samples: list[tuple[float, float]] = []  # (finished at, seconds)
        self.statuses: Counter[int] = Counter()
        self.ids: list[str] = []
        self.refusal = ""  # the first answer that was not a 201
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(clients)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(35)

    def _run(self, client: int) -> None:
        session = requests.Session()
        n = 0
        while not self.stopping.is_set():
            token = jwt.encode({"iss": self.service_id, "iat": int(time.time())}, self.secret, algorithm="HS256")
            # Numbers from 300 on: none of Notify's simulated ones (answered 201, never stored).
            body = {"phone_number": f"07700900{n % 500 + 300:03d}", "template_id": self.template_id,
                    "personalisation": {"name": "Ada", "ref": f"{client}-{n}"}}
            n += 1
            began = time.perf_counter()
            try:
                response = session.post(f"{self.base_url}/v2/notifications/sms", json=body, timeout=30,
                                        headers={"Authorization": f"Bearer {token}"})
                status = response.status_code
            except requests.RequestException:
                response, status = None, 0
            ended = time.perf_counter()
            with self._lock:
                self.statuses[status] += 1
                self.samples.append((ended, ended - began))
                if response is not None and status == 201:
                    self.ids.append(response.json()["id"])
                elif response is not None and not self.refusal:
                    self.refusal = response.text[:300]

    def between(self, start: float, end: float) -> list[float]:
        with self._lock:
            return sorted(seconds for at, seconds in self.samples if start <= at <= end)


def describe(latencies: list[float], seconds: float) -> str:
    if not latencies:
        return "no sends"

    def at(share: float) -> float:
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000

    return (f"{len(latencies)} sends, {len(latencies) / seconds:.0f}/s, p50 {at(0.5):.1f} ms, "
            f"p99 {at(0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=4, help="sending threads, one request at a time each")
    parser.add_argument("--baseline", type=float, default=20.0, help="seconds of sends before the purge")
    parser.add_argument("--threads", type=int, default=8, help="notify serve's request threads")
    parser.add_argument("--database-url", default=None, help="default: a fresh database on the local server")
    parser.add_argument("--secret-key", default="bench-secret-key-0123456789abcdef0123456789")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs)")
    args = parser.parse_args(argv)

    url = args.database_url
    if url is None:
        from tests.postgres_server import database_url_for_this_run

        url = database_url_for_this_run()
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    workdir = Path(tempfile.mkdtemp(prefix="notify-purge-bench-"))
    env = {**os.environ, "NOTIFY_DATABASE_URL": url, "NOTIFY_SECRET_KEY": args.secret_key,
           "NOTIFY_ADMIN_CLIENT_ID": ADMIN_CLIENT_ID, "NOTIFY_ADMIN_CLIENT_SECRET": ADMIN_SECRET,
           "NOTIFY_UPLOAD_DIR": str(workdir / "uploads"),
           "NOTIFY_SWEEP_INTERVAL": "86400"}  # the server's own nightly purge stays out of the measurement
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start("server", ["serve", "--port", str(port), "--threads", str(args.threads)], env, workdir)
    try:
        wait_for(base_url, server, workdir / "server.log")
        admin = Admin(base_url)
        service_id, template_id, secret = provision(admin, "Purged", "Hello ((name)), your reference is ((ref))")
        began = time.perf_counter()
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(FILL, {"service_id": service_id, "template_id": template_id, "rows": args.rows})
            conn.execute("VACUUM ANALYZE notifications")
        print(f"rows: {args.rows:,} expired notifications written in {time.perf_counter() - began:.1f} s")

        senders = Senders(base_url, service_id, template_id, secret, args.clients)
        senders.start()
        time.sleep(3)  # connections and caches warm
        baseline_start = time.perf_counter()
        time.sleep(args.baseline)
        purge_start = time.perf_counter()
        load_before = os.getloadavg()
        purge = subprocess.run([sys.executable, "-m", "notify", "purge"], cwd=workdir, env=env,
                               capture_output=True, text=True, timeout=3600)
        purge_end = time.perf_counter()
        load_during = os.getloadavg()
        senders.stop()
        if purge.returncode != 0:
            sys.exit(f"notify purge exited with {purge.returncode}:\n{purge.stdout}\n{purge.stderr}")
        with psycopg.connect(dsn, autocommit=True) as conn:
            left = conn.execute("SELECT count(*) FROM notifications WHERE created_at < now() - interval '8 days'"
                                ).fetchone()
            history = conn.execute("SELECT count(*) FROM notification_history").fetchone()
            kept = conn.execute("SELECT count(*) FROM notifications WHERE service_id = %s", (service_id,)).fetchone()
            personal = conn.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                                    "'notification_history' AND column_name IN ('to', 'normalised_to', "
                                    "'_personalisation')").fetchone()
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()

    said = re.search(r"notify purge: (\d+) notifications .* in ([\d.]+) s", purge.stdout)
    moved, seconds = (int(said.group(1)), float(said.group(2))) if said else (0, float("nan"))
    wall = purge_end - purge_start
    print(f"purge: {moved:,} moved in {seconds:.1f} s ({moved / seconds:,.0f} rows/s) as `notify purge` reports; "
          f"{wall:.1f} s wall for the process (imports and start-up included)")
    print(f"sends before the purge ({args.clients} clients): "
          f"{describe(senders.between(baseline_start, purge_start), purge_start - baseline_start)}")
    # The process's start-up (imports, the store opened) is not the purge: the window is the purge's own seconds,
    # ending as the process did.
    window = (purge_end - seconds, purge_end) if seconds == seconds else (purge_start, purge_end)
    print(f"sends during the purge: {describe(senders.between(*window), window[1] - window[0])}")
    print(f"send statuses: {dict(senders.statuses)}" + (f"; first refusal: {senders.refusal}" if senders.refusal else ""))
    print(f"load average (1, 5, 15 min) at the purge's start {load_before[0]:.2f} {load_before[1]:.2f} "
          f"{load_before[2]:.2f}, at its end {load_during[0]:.2f} {load_during[1]:.2f} {load_during[2]:.2f}; "
          f"{os.cpu_count()} CPUs")
    sent = len(senders.ids)
    ok = sent > 0 and set(senders.statuses) == {201} and (left and left[0] == 0) and (history and history[0] == args.rows) and (kept and kept[0] == sent) \
        and (personal and personal[0] == 0)
    print(f"check: expired left {left[0] if left else '?'}, in history {history[0] if history else '?'}, "
          f"sends kept {kept[0] if kept else '?'} of {sent}, personal columns in history "
          f"{personal[0] if personal else '?'} -> {'ok' if ok else 'NOT OK'}")
    if args.keep:
        print(f"work folder: {workdir}")
    else:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
