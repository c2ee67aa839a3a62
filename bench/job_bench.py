"""A CSV job as a user sees it: upload to every row `delivered`, through a real `notify serve` on PostgreSQL.

    .venv/bin/python bench/job_bench.py --rows 100000           # notify serve does everything (in-process queue)
    .venv/bin/python bench/job_bench.py --rows 100000 --worker  # serve publishes, `notify worker` delivers (RabbitMQ)
    .venv/bin/python bench/job_bench.py --database-url postgresql+psycopg://... --secret-key KEY

The bench starts the server process (and, with --worker, a worker process on a queue of its own) with the fake
providers' default receipts, makes a live service with an SMS template of two placeholders through the admin
API, uploads the spreadsheet and creates the job through the admin API (as `notify send-csv` does), and
watches the database until no notification of the job is `created`, `sending` or `pending`. Meanwhile another
service sends through the v2 API (one request at a time, --api-rate per second) and the latency of each send
is kept: a big job must not starve everyone else.

Prints: rows, seconds to all handed over (none left `created`), seconds to all delivered, rows/s, the peak
RSS of the server (and worker) from /proc, the API sends' p50/p99, and whether every row ended `delivered`
exactly once."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jwt  # noqa: E402
import psycopg  # noqa: E402
import requests  # noqa: E402

from tests.e2e.conftest import ADMIN_CLIENT_ID, ADMIN_SECRET, free_port  # noqa: E402

IN_FLIGHT = ("created", "sending", "pending")
UNLIMITED = 10**9


class Admin:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        token = jwt.encode({"iss": ADMIN_CLIENT_ID, "iat": int(time.time())}, ADMIN_SECRET, algorithm="HS256")
        response = self.session.request(method, self.base_url + path, json=body, timeout=600,
                                        headers={"Authorization": f"Bearer {token}"})
        if response.status_code >= 300:
            sys.exit(f"{method} {path}: {response.status_code} {response.text[:500]}")
        return response.json()["data"]


def start(name: str, args: list[str], env: dict[str, str], workdir: Path) -> subprocess.Popen[bytes]:
    log = (workdir / f"{name}.log").open("wb")
    return subprocess.Popen([sys.executable, "-m", "notify", *args], cwd=workdir, env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def wait_for(base_url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"notify serve exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{base_url}/_status", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    sys.exit(f"notify serve did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def peak_rss_mib(pid: int) -> float:
    """VmHWM: the process's peak resident set so far."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (its threads included), from /proc/<pid>/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_cpu(dsn: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving this database (the server's pool, the worker's):
    the database's share of the work, when it runs on this machine."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        pids = [row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")]
    return {pid: cpu_seconds(pid) for pid in pids}


def family(pid: int) -> list[int]:
    """A process and its children (`notify serve --workers N` forks N processes serving one port)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return [pid, *(int(child) for child in children)]


def provision(admin: Admin, name: str, template: str) -> tuple[str, str, str]:
    """A live service without practical limits, an SMS template and a normal API key: (service, template,
    key secret)."""
    suffix = uuid4().hex[:8]
    user = admin.call("POST", "/user", {"name": name, "email_address": f"bench.{suffix}@example.gov.uk",
                                        "password": "a long enough password", "mobile_number": "07700900555"})
    service = admin.call("POST", "/service", {
        "name": f"{name} {suffix}", "user_id": user["id"], "restricted": False, "rate_limit": UNLIMITED,
        "sms_message_limit": UNLIMITED, "email_message_limit": UNLIMITED, "letter_message_limit": UNLIMITED})
    template_id = admin.call("POST", f"/service/{service['id']}/template", {
        "name": "bulk", "template_type": "sms", "content": template, "service": service["id"],
        "created_by": user["id"]})["id"]
    key = admin.call("POST", f"/service/{service['id']}/api-key",
                     {"name": "bench", "key_type": "normal", "created_by": user["id"]})
    return service["id"], template_id, key


class ApiSender(threading.Thread):
    """Another service's API sends while the job runs, one at a time at `rate` per second; latencies kept."""

    def __init__(self, base_url: str, service_id: str, template_id: str, secret: str, rate: float) -> None:
        super().__init__(daemon=True, name="api-sender")
        self.base_url, self.service_id, self.template_id, self.secret = base_url, service_id, template_id, secret
        self.interval = 1 / rate if rate > 0 else None
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()
        self.stopping = threading.Event()

    def run(self) -> None:
        if self.interval is None:
            return
        session = requests.Session()
        next_at = time.monotonic()
        n = 0
        while not self.stopping.is_set():
            token = jwt.encode({"iss": self.service_id, "iat": int(time.time())}, self.secret, algorithm="HS256")
            body = {"phone_number": f"07700900{n % 900 + 100:03d}", "template_id": self.template_id,
                    "personalisation": {"name": "Ada", "ref": str(n)}}
            n += 1
            began = time.perf_counter()
            try:
                response = session.post(f"{self.base_url}/v2/notifications/sms", json=body, timeout=30,
                                        headers={"Authorization": f"Bearer {token}"})
                self.statuses[response.status_code] += 1
            except requests.RequestException:
                self.statuses[0] += 1
            self.latencies.append(time.perf_counter() - began)
            next_at += self.interval
            self.stopping.wait(max(0.0, next_at - time.monotonic()))

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def job_progress(conn: psycopg.Connection[Any], job_id: str) -> tuple[str, Counter[str]]:
    """(the job's status, its in-flight notifications by status). Cheap enough to ask twice a second on the
    measured database: the job's row, and once the job has finished, the in-flight rows only."""
    found = conn.execute("SELECT job_status FROM jobs WHERE id = %s", (job_id,)).fetchone()
    status = found[0] if found else "missing"
    if status != "finished":
        return status, Counter()
    rows = conn.execute(
        "SELECT notification_status, count(*) FROM notifications WHERE job_id = %s "
        "AND notification_status IN ('created', 'sending', 'pending') GROUP BY 1", (job_id,)).fetchall()
    return status, Counter({status: count for status, count in rows})


def final_statuses(dsn: str, job_id: str) -> tuple[Counter[str], int]:
    """Every status of the job's notifications, and how many rows have more than one notification."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute("SELECT notification_status, count(*) FROM notifications WHERE job_id = %s GROUP BY 1",
                            (job_id,)).fetchall()
        doubled = conn.execute("SELECT count(*) FROM (SELECT job_row_number FROM notifications WHERE job_id = %s "
                               "GROUP BY 1 HAVING count(*) > 1) d", (job_id,)).fetchone()
    return Counter({status: count for status, count in rows}), (doubled[0] if doubled else 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--worker", action="store_true", help="deliver through `notify worker` (--queue-url)")
    parser.add_argument("--queue-url", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--concurrency", type=int, default=4, help="the worker's threads")
    parser.add_argument("--threads", type=int, default=8, help="notify serve's request threads")
    parser.add_argument("--server-workers", type=int, default=1, help="notify serve --workers: processes")
    parser.add_argument("--api-rate", type=float, default=20.0, help="another service's API sends per second "
                                                                     "during the job (0: none)")
    parser.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds")
    parser.add_argument("--database-url", default=None, help="default: a fresh database on the local server")
    parser.add_argument("--secret-key", default="bench-secret-key-0123456789abcdef0123456789")
    parser.add_argument("--profile", default=None, help="record the server (the worker with --worker) with py-spy "
                        "into this file: an SVG flame graph for .svg, else collapsed stacks")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, spreadsheet)")
    args = parser.parse_args(argv)

    url = args.database_url
    if url is None:
        from tests.postgres_server import database_url_for_this_run

        url = database_url_for_this_run()
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    workdir = Path(tempfile.mkdtemp(prefix="notify-job-bench-"))
    env = {**os.environ, "NOTIFY_DATABASE_URL": url, "NOTIFY_SECRET_KEY": args.secret_key,
           "NOTIFY_ADMIN_CLIENT_ID": ADMIN_CLIENT_ID, "NOTIFY_ADMIN_CLIENT_SECRET": ADMIN_SECRET,
           "NOTIFY_UPLOAD_DIR": str(workdir / "uploads")}
    if args.worker:
        env |= {"NOTIFY_QUEUE_URL": args.queue_url, "NOTIFY_QUEUE_NAME": f"job-bench-{uuid4().hex[:8]}"}
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    processes: dict[str, subprocess.Popen[bytes]] = {}
    profiler: subprocess.Popen[bytes] | None = None
    try:
        processes["server"] = start("server", ["serve", "--port", str(port), "--threads", str(args.threads),
                                               "--workers", str(args.server_workers)],
                                    env, workdir)
        wait_for(base_url, processes["server"], workdir / "server.log")
        if args.worker:
            processes["worker"] = start("worker", ["worker", "--concurrency", str(args.concurrency)], env, workdir)
        admin = Admin(base_url)
        service_id, template_id, _ = provision(admin, "Bulk", "Hello ((name)), your reference is ((ref))")
        other_id, other_template, other_secret = provision(admin, "Other", "Hello ((name)), ((ref))")
        if args.worker:  # the worker answers once its queue exists; a warm-up send shows it delivering
            time.sleep(3)
        csv = "phone number,name,ref\n" + "".join(f"07700900{n % 900 + 100:03d},Person {n},R{n}\n"
                                                    for n in range(args.rows))
        (workdir / "rows.csv").write_text(csv)
        sender = ApiSender(base_url, other_id, other_template, other_secret, args.api_rate)
        if args.profile:
            spy = Path(sys.executable).parent / "py-spy"
            profiler = subprocess.Popen([str(spy) if spy.exists() else "py-spy", "record", "-o", args.profile,
                                         "--format", "flamegraph" if args.profile.endswith(".svg") else "raw", "-p",
                                         str(processes["worker" if args.worker else "server"].pid), "-r", "50",
                                         "--nonblocking", "--threads", "--gil", "--subprocesses"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cpu_before = {pid: cpu_seconds(pid) for p in processes.values() for pid in family(p.pid)}
        database_before = database_cpu(dsn)

        t0 = time.perf_counter()
        upload = admin.call("POST", f"/service/{service_id}/job/upload", {
            "template_id": template_id, "original_file_name": "rows.csv", "csv": csv})
        t_uploaded = time.perf_counter()
        job = admin.call("POST", f"/service/{service_id}/job", {"id": upload["id"]})
        sender.start()
        handed_over = delivered = None
        in_flight: Counter[str] = Counter()
        job_status = "pending"
        with psycopg.connect(dsn, autocommit=True) as watcher:
            while time.perf_counter() - t0 < args.timeout:
                for name, process in processes.items():
                    if process.poll() is not None:
                        sys.exit(f"{name} exited with {process.returncode}:\n"
                                 f"{(workdir / f'{name}.log').read_text()[-3000:]}")
                job_status, in_flight = job_progress(watcher, job["id"])
                now = time.perf_counter() - t0
                if job_status not in ("pending", "in progress", "finished"):
                    break  # cancelled, over the limits, error: reported below
                if job_status == "finished" and handed_over is None and not in_flight["created"]:
                    handed_over = now
                if job_status == "finished" and not in_flight:
                    delivered = now
                    break
                time.sleep(0.25)
        sender.stopping.set()
        sender.join(35)
        cpu = {name: sum(cpu_seconds(pid) - cpu_before.get(pid, 0.0) for pid in family(p.pid))
               for name, p in processes.items()}
        cpu["postgres"] = sum(seconds - database_before.get(pid, 0.0)
                              for pid, seconds in database_cpu(dsn).items() if seconds == seconds)
        peaks = {name: sum(peak_rss_mib(pid) for pid in family(p.pid)) for name, p in processes.items()}
        if profiler is not None:
            profiler.send_signal(2)
            profiler.wait(60)
        statuses, doubled = final_statuses(dsn, job["id"])
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()

    mode = (f"notify worker ({args.concurrency} threads, RabbitMQ)" if args.worker
            else "notify serve (no broker: jobs in its bulk process)")
    if args.server_workers > 1:
        mode += f", notify serve --workers {args.server_workers} (RSS and CPU summed over its processes)"
    print(f"rows: {args.rows}  through {mode} on PostgreSQL, fake providers' default receipts")
    print(f"upload (check + store): {t_uploaded - t0:.2f} s")
    if handed_over is None or delivered is None:
        print(f"NOT DONE after {time.perf_counter() - t0:.0f} s: job {job_status}, in flight {dict(in_flight)}")
    print(f"seconds to all handed over: {handed_over if handed_over is None else round(handed_over, 2)}")
    print(f"seconds to all delivered: {delivered if delivered is None else round(delivered, 2)}")
    if delivered:
        print(f"rows/s (upload to all delivered): {args.rows / delivered:,.0f}")
    print("peak RSS: " + ", ".join(f"{name} {mib:,.0f} MiB" for name, mib in peaks.items()))
    print("CPU: " + ", ".join(f"{name} {seconds:.1f} s ({seconds / args.rows * 1e6:.0f} µs/row)"
                              for name, seconds in cpu.items()))
    print(f"API sends during the job: {len(sender.latencies)} ({dict(sender.statuses)}), "
          f"p50 {sender.percentile(0.5):.1f} ms, p99 {sender.percentile(0.99):.1f} ms")
    ok = statuses == Counter({"delivered": args.rows}) and doubled == 0
    print(f"final statuses: {dict(statuses)}; rows with more than one notification: {doubled} "
          f"-> {'every row delivered once' if ok else 'NOT every row delivered once'}")
    if args.keep:
        print(f"work folder: {workdir}")
    else:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
