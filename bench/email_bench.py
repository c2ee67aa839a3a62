"""Emails per second handed to a local SMTP server by one `notify serve` (pooled SMTP connections), and with
--worker by one `notify worker` process (the API publishing through RabbitMQ).

    .venv/bin/python bench/email_bench.py                 # a fresh PostgreSQL database (tests' helper)
    .venv/bin/python bench/email_bench.py --worker
    .venv/bin/python bench/email_bench.py --database-url memory --seconds 5

The SMTP server is aiosmtpd in processes of its own (`--sink-processes`, sharing the port; they must not share
the measured process's interpreter), taking every message and counting it; the app is built as `notify serve` builds it with NOTIFY_SMTP_URL
pointing there (a Markdown template rendered to text + HTML per message). wrk posts emails for `--seconds`;
the figure is the SMTP server's count over the window in which it was receiving. Needs `wrk` on PATH.

Also printed: the share of a core the SMTP server's process used meanwhile (near 100%, the server would be what
limits the figure), and the measured process's CPU per email (API and delivery together), which a shared
machine's load moves far less than the rate. Hand-overs wait on SMTP round trips (and, on a loaded machine,
on the server process being scheduled), so the rate follows NOTIFY_PROVIDER_CONCURRENCY; sends accepted at
once follow `notify serve --threads` (bigger group commits)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs  # noqa: E402
import jwt  # noqa: E402

from notify import bootstrap  # noqa: E402
from notify.config import ProviderSettings, Settings  # noqa: E402

import send_bench  # noqa: E402

CONTENT = """# Your appointment

Dear ((name)),

* Date: ((date))
* Place: [the centre](https://www.gov.uk/centre)

^ Bring your letter with you.

Visit https://www.gov.uk/appointments to change it."""

SINK = r"""
import asyncio, multiprocessing, os, signal, sys, time
from aiosmtpd.smtp import SMTP

def serve(port, slot, counts, cpus):
    class Count:
        async def handle_DATA(self, server, session, envelope):
            counts[slot] += 1
            return "250 OK"

    loop = asyncio.new_event_loop()
    loop.run_until_complete(loop.create_server(lambda: SMTP(Count(), hostname="sink"), "127.0.0.1", port,
                                               reuse_port=True))
    parent = os.getppid()
    async def report():
        while os.getppid() == parent:  # never outlive the bench
            await asyncio.sleep(0.1)
            cpu = os.times()
            cpus[slot] = cpu.user + cpu.system
    loop.run_until_complete(report())

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # exits through multiprocessing's clean-up
    port, processes = int(sys.argv[1]), int(sys.argv[2])
    counts = multiprocessing.Array("q", processes, lock=False)
    cpus = multiprocessing.Array("d", processes, lock=False)
    for slot in range(processes):  # the kernel shares the connections out between them (SO_REUSEPORT)
        multiprocessing.Process(target=serve, args=(port, slot, counts, cpus), daemon=True).start()
    time.sleep(1.0)
    print("ready", flush=True)
    while True:
        time.sleep(0.25)
        print(f"{time.monotonic():.3f} {sum(counts)} {sum(cpus):.3f}", flush=True)
"""


class Sink:
    """The counting SMTP server's process; `samples()` are (monotonic time, messages so far)."""

    def __init__(self, port: int, workdir: str, processes: int) -> None:
        self.log = Path(workdir) / "sink.log"
        self.processes = processes
        script = Path(workdir) / "sink.py"
        script.write_text(SINK)
        self.process = subprocess.Popen([sys.executable, str(script), str(port), str(processes)],
                                        stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while "ready" not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"the SMTP sink did not start:\n{self.log.read_text()}")
            time.sleep(0.05)

    def samples(self) -> list[tuple[float, int]]:
        return [(t, n) for t, n, _ in self._lines()]

    def busy(self) -> float:
        """The share of one core each of the sink's processes used while receiving: near 1.0, they would be what
        limits the figure."""
        lines = self._lines()
        moving = [i for i in range(1, len(lines)) if lines[i][1] > lines[i - 1][1]]
        if not moving:
            return 0.0
        first, last = lines[moving[0] - 1], lines[moving[-1]]
        return (last[2] - first[2]) / (last[0] - first[0]) / self.processes

    def _lines(self) -> list[tuple[float, int, float]]:
        found = []
        for line in self.log.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1].isdigit():
                found.append((float(parts[0]), int(parts[1]), float(parts[2])))
        return found

    def stop(self) -> None:
        self.process.terminate()  # its server processes are daemons: they end with it
        self.process.wait(10)


def rate(samples: list[tuple[float, int]]) -> tuple[float, int, float]:
    """(emails/s while the server was receiving, messages, seconds receiving)."""
    moving = [(t, n) for (t, n), (_, before) in zip(samples[1:], samples) if n > before]
    if len(moving) < 2:
        return 0.0, samples[-1][1] if samples else 0, 0.0
    first = samples[samples.index(moving[0]) - 1]
    (t1, n1) = moving[-1]
    return (n1 - first[1]) / (t1 - first[0]), n1, t1 - first[0]


def setup(settings: Settings):  # type: ignore[no-untyped-def]
    from notify.domain.api_key import ApiKey
    from notify.domain.constants import KeyType, TemplateType
    from notify.domain.template import Template
    from notify.entrypoints.http import create_app
    from notify.usecases import services, users

    stores = bootstrap.open_stores(settings)
    notify = bootstrap.start_background(bootstrap.build_notify(settings, stores), settings)
    suffix = uuid4().hex[:8]
    user = users.create_user(notify, name="Bench", email_address=f"bench.{suffix}@example.gov.uk",
                             password="bench password long enough")
    service = services.create_service(notify, name=f"Bench {suffix}", user_id=user.id, restricted=False,
                                      rate_limit=10**9, email_message_limit=10**12)
    now = notify.clock.now()
    template = Template(id=uuid4(), service_id=service.id, name="bench", template_type=TemplateType.EMAIL,
                        subject="Your appointment, ((name))", content=CONTENT, created_at=now, created_by=user.id)
    key = ApiKey(id=uuid4(), service_id=service.id, name="bench", secret=str(uuid4()), key_type=KeyType.NORMAL,
                 created_at=now, created_by=user.id)
    with notify.uow() as uow:
        uow.templates.add(template)
        uow.api_keys.add(key)
        uow.commit()
    return create_app(notify), key, template, stores.description, notify


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="default: a fresh database on the local PostgreSQL")
    parser.add_argument("--secret-key", default="bench-secret-key-0123456789abcdef0123456789")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--waitress-threads", type=int, default=16,
                        help="as `notify serve --threads 16`: more sends at once make bigger group commits")
    parser.add_argument("--pool-size", type=int, default=ProviderSettings().smtp_pool_size,
                        help="NOTIFY_SMTP_POOL_SIZE")
    parser.add_argument("--concurrency", type=int, default=ProviderSettings().concurrency,
                        help="NOTIFY_PROVIDER_CONCURRENCY")
    parser.add_argument("--sink-processes", type=int, default=1,
                        help="SMTP server processes sharing the port (should one process be what limits the "
                             "figure: its busy share is printed)")
    parser.add_argument("--worker", action="store_true", help="deliver in a `notify worker` process (RabbitMQ)")
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    url = args.database_url
    if url is None:
        from tests.postgres_server import database_url_for_this_run

        url = database_url_for_this_run()
    workdir = tempfile.mkdtemp(prefix="notify-email-bench-")
    smtp_port = send_bench.free_port()
    sink = Sink(smtp_port, workdir, args.sink_processes)
    smtp_url = f"smtp://127.0.0.1:{smtp_port}?starttls=never&from=bench@example.org"
    settings = attrs.evolve(Settings(), database_url=url, admin_client_secrets=("bench-admin-secret",),
                            secret_keys=(args.secret_key,), upload_dir=workdir,
                            providers=ProviderSettings(smtp_url=smtp_url, smtp_pool_size=args.pool_size,
                                                       concurrency=args.concurrency))
    worker = None
    if args.worker:
        settings = attrs.evolve(settings, queue_url=args.broker, queue_name=f"notify-bench-{uuid4().hex[:12]}")
        os.environ["NOTIFY_SMTP_URL"] = smtp_url  # the worker process reads its settings from the environment
        os.environ["NOTIFY_SMTP_POOL_SIZE"] = str(args.pool_size)
        os.environ["NOTIFY_PROVIDER_CONCURRENCY"] = str(args.concurrency)
    app, key, template, description, notify = setup(settings)
    if args.worker:
        worker = send_bench.start_worker(settings, workdir)
    bootstrap.settle_heap()
    port = send_bench.free_port()
    send_bench.serve(app, port, args.waitress_threads)
    time.sleep(0.3)
    body = json.dumps({"email_address": "someone@example.com", "template_id": str(template.id),
                       "personalisation": {"name": "Ada", "date": "1 March"}})
    token = jwt.encode({"iss": str(key.service_id), "iat": int(time.time())}, key.secret, algorithm="HS256")
    cpu_before = os.times()
    posted = send_bench.run_wrk(port, token, body, seconds=args.seconds, connections=args.connections, threads=2,
                                path="/v2/notifications/email")
    settle_until = time.monotonic() + 60
    while time.monotonic() < settle_until:  # let delivery drain what the API accepted
        time.sleep(1.0)
        samples = sink.samples()
        if len(samples) > 8 and samples[-1][1] == samples[-8][1]:
            break
    cpu_after = os.times()
    per_second, delivered, window = rate(sink.samples())
    cpu = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
    where = "a notify worker process (RabbitMQ)" if args.worker else "notify serve's delivery threads"
    print(f"store: {description}; delivery: {where}; SMTP pool {args.pool_size}, "
          f"provider concurrency {args.concurrency}; "
          f"wrk -c{args.connections} -d{args.seconds}s")
    print(f"API accepted {posted['rps']:.1f} emails/s (non-2xx {int(posted['non2xx'])})")
    print(f"SMTP server received {delivered} emails in {window:.1f} s: {per_second:.1f} emails/s "
          f"({args.sink_processes} SMTP server processes, each busy {100 * sink.busy():.0f}% of a core meanwhile)")
    if delivered and not args.worker:  # the figure a shared machine's load does not move: CPU of one process
        print(f"notify serve's CPU: {1000 * cpu / delivered:.2f} ms per email accepted and delivered "
              f"(one free core: ~{delivered / cpu:.0f} emails/s)")
    if worker is not None:
        worker.terminate()
        worker.wait(30)
    bootstrap.stop_background(notify)
    sink.stop()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
