"""Scale-out on Celery: one PostgreSQL database, RabbitMQ, a `notify serve` publishing and two
`notify worker` processes delivering; one worker is killed with SIGKILL in the middle of the batch.

Every notification must end in exactly one final state, and must have been handed to a provider exactly once
(a claim the victim left behind is sent again after the claim timeout; the idempotent fake provider answers a
message it already has from its record, so it is still received once).
Hand-overs are counted where the fake providers write them (NOTIFY_FAKE_PROVIDER_LOG: one file per process,
one line per accepted message, written before the provider call returns), so the killed worker's are counted
too. Receipts are reported off the delivering thread, so the victim dies with some unreported: the sweep asks
the provider for those once NOTIFY_RECEIPT_WAIT has passed. Timeouts are short here (claims 3 s, receipts
asked after 3 s, unanswered hand-overs 6 s, sweeps every second)."""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest
from notifications_python_client.notifications import NotificationsAPIClient

from tests.e2e.conftest import admin_client, start_server, stop_server
from tests.postgres_server import database_url_for_this_run

pytestmark = [pytest.mark.celery, pytest.mark.postgres]

BROKER = "amqp://guest:guest@127.0.0.1:5672//"
N = 900  # enough that the victim is still mid-batch when the test, slowed by a loaded machine, kills it
FINAL = {"delivered", "permanent-failure", "temporary-failure", "technical-failure"}
NUMBERS = [n for n in range(1000) if n not in (0, 111, 222)]  # those three: simulated, never stored
SECRET_KEY = "scale-out-test-key-0123456789abcdefghijklmnop"


@pytest.fixture
def database() -> Iterator[str]:
    """A database of this test's own on the run's PostgreSQL server (the workers sweep the whole store)."""
    run_url = database_url_for_this_run()
    name = f"notify_test_{int(time.time())}_{uuid.uuid4().hex[:8]}"
    admin = psycopg.conninfo.make_conninfo(run_url.replace("postgresql+psycopg://", "postgresql://"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = run_url.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def start_worker(workdir: Path, env: dict[str, str], name: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = workdir / f"{name}.log"
    process = subprocess.Popen([sys.executable, "-m", "notify", "worker", "--concurrency", "4"], cwd=workdir,
                               env={**os.environ, **env}, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    return process, log


def wait_ready(process: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"notify worker exited with {process.returncode}:\n{log.read_text()}")
        if " ready." in log.read_text(errors="replace"):
            return
        time.sleep(0.1)
    raise RuntimeError(f"notify worker not ready within {timeout}s:\n{log.read_text()}")


def handovers(folder: Path) -> dict[int, list[str]]:
    """Notification ids each process handed to a provider (every call, repeats included), by process id."""
    return {int(f.stem): [line.split()[1] for line in f.read_text().splitlines() if line.strip()]
            for f in folder.glob("*.log")}


def received(folder: Path) -> dict[str, int]:
    """What the (shared, idempotent) provider accepted: notification id -> the process that handed it over.
    One record per id at most, written in one step, so a process killed mid-call either got it in or not."""
    return {f.name: int(f.read_text().split()[1]) for f in (folder / "accepted").glob("*")}


def setup_service(server: Any) -> tuple[NotificationsAPIClient, str, str]:
    admin = admin_client(server)
    suffix = uuid.uuid4().hex[:8]
    user = admin.post("/user", data={"name": "Bulk", "email_address": f"bulk.{suffix}@example.gov.uk",
                                     "password": "a long enough password", "mobile_number": "07700900555"})["data"]
    service = admin.post("/service", data={"name": f"Scale out {suffix}", "user_id": user["id"],
                                           "restricted": False})["data"]
    sid = service["id"]
    template = admin.post(f"/service/{sid}/template", data={
        "name": "sms", "template_type": "sms", "content": "Hello ((name))", "service": sid,
        "created_by": user["id"]})["data"]["id"]
    secret = admin.post(f"/service/{sid}/api-key", data={"name": "bulk", "key_type": "normal",
                                                          "created_by": user["id"]})["data"]
    return NotificationsAPIClient(f"bulk-{sid}-{secret}", base_url=server.base_url), sid, template


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(database: str, tmp_path: Path) -> None:
    started = time.monotonic()
    provider_log = tmp_path / "handovers"
    env = {"NOTIFY_DATABASE_URL": database, "NOTIFY_SECRET_KEY": SECRET_KEY, "NOTIFY_QUEUE_URL": BROKER,
           "NOTIFY_QUEUE_NAME": f"notify-test-{uuid.uuid4().hex[:12]}", "NOTIFY_CLAIM_TIMEOUT": "3",
           "NOTIFY_SENDING_TIMEOUT": "6", "NOTIFY_SWEEP_INTERVAL": "1", "NOTIFY_FAKE_RECEIPT_DELAY_MS": "0",
           "NOTIFY_RECEIPT_WAIT": "3",
           "NOTIFY_FAKE_PROVIDER_LOG": str(provider_log), "NOTIFY_UPLOAD_DIR": str(tmp_path / "uploads")}
    server = start_server(tmp_path, env)  # migrates the database before any worker starts
    workers: list[tuple[subprocess.Popen[bytes], Path]] = []
    try:
        client, service_id, template_id = setup_service(server)

        def send(i: int) -> str:
            return str(client.send_sms_notification(f"07700900{NUMBERS[i]:03d}", template_id,
                                                    personalisation={"name": f"n{i}"})["id"])

        with ThreadPoolExecutor(8) as pool:
            sent = list(pool.map(send, range(N)))  # 002/003: simulated failures, also final
        assert len(set(sent)) == N
        # The whole batch waits in the broker; the workers start on it together.
        workers += [start_worker(tmp_path, env, name) for name in ("worker-a", "worker-b")]
        for process, log in workers:
            wait_ready(process, log)

        victim, victim_log = workers[0]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # mid-batch: once the victim has handed over some, not all
            if len(handovers(provider_log).get(victim.pid, [])) >= 20:
                break
            time.sleep(0.01)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        at_kill = sum(len(ids) for ids in handovers(provider_log).values())
        assert at_kill < N, "the batch finished before the kill: nothing was tested"

        deadline = time.monotonic() + 40
        while True:
            with psycopg.connect(_dsn(database)) as conn:
                rows = conn.execute("SELECT id::text, notification_status FROM notifications WHERE service_id = %s",
                                    (service_id,)).fetchall()
            statuses = dict(rows)
            if len(statuses) == N and all(s in FINAL for s in statuses.values()):
                break
            if time.monotonic() > deadline:
                pending = collections.Counter(s for s in statuses.values() if s not in FINAL)
                raise AssertionError(f"not final after 40 s: {len(statuses)} rows, {pending}\n{workers[1][1].read_text()[-3000:]}")
            time.sleep(0.2)

        assert set(statuses) == set(sent)  # exactly one row each, so exactly one final state each
        got = received(provider_log)
        never = set(sent) - set(got)
        assert not never, f"never handed to a provider: { {i: statuses[i] for i in never} }"
        assert set(got) == set(sent)
        # Claims the victim left behind were released after the claim timeout and handed over again; what the
        # victim had already handed over was answered from the provider's record, not received twice (the
        # record holds one entry per id). Only those claims may have been handed over twice: each by the victim
        # once and by the survivor once, never twice by one process.
        by_pid = handovers(provider_log)
        calls = collections.Counter(i for ids in by_pid.values() for i in ids)
        again = {i for i, c in calls.items() if c > 1}
        assert all(c <= 2 for c in calls.values()), f"handed over three times or more: {again}"
        for pid, ids in by_pid.items():
            repeated = [i for i, c in collections.Counter(ids).items() if c > 1]
            assert not repeated, f"process {pid} handed over the same notifications twice: {repeated}"
        assert again <= set(by_pid.get(victim.pid, [])), \
            f"handed over again though the victim never held them: {again - set(by_pid.get(victim.pid, []))}"
        by_process = collections.Counter(got.values())
        assert victim.pid in by_process and workers[1][0].pid in by_process  # both did part of the work
        assert collections.Counter(statuses.values())["delivered"] >= N - 10
        print(f"handed over before the kill: {at_kill}; handed over again after it: {len(again)}; received by "
              f"process: {dict(by_process)}; final: "
              f"{dict(collections.Counter(statuses.values()))}; {time.monotonic() - started:.1f} s")
    finally:
        for process, _ in workers:
            if process.poll() is None:
                process.terminate()
        for process, _ in workers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        stop_server(server)
