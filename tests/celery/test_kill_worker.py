"""kill -9 of a `notify worker` under load: `notify serve` publishing to RabbitMQ, two workers delivering, one
killed while sends keep coming.

The victim takes with it the messages it was delivering (the broker redelivers them: acks are late) and the
receipts its fake providers had scheduled (their notifications wait in `sending`). The surviving worker's
sweep asks the provider that took each of those once NOTIFY_RECEIPT_WAIT has passed (the fakes answer from
their shared record). Every 201 must end in its expected final status, none left `created` or `sending`, and
no provider may receive one twice. Timeouts are short here: sweeps every second, receipts asked for after
3 s."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.e2e.conftest import niceness, start_server, stop_server
from tests.faults.crash import Load, hand_overs, own_database, statuses, tally, wait_until_settled
from tests.faults.load import provision

from .test_scale_out import BROKER, start_worker, wait_ready

pytestmark = [pytest.mark.celery, pytest.mark.postgres]

SECRET_KEY = "kill-nine-worker-key-0123456789abcdefghijklmnop"


def test_a_worker_killed_under_load_leaves_nothing_stuck_and_sends_nothing_twice(tmp_path: Path) -> None:
    started = time.monotonic()
    provider_log = tmp_path / "handovers"
    with own_database() as database:
        env = {"NOTIFY_DATABASE_URL": database, "NOTIFY_SECRET_KEY": SECRET_KEY, "NOTIFY_QUEUE_URL": BROKER,
               "NOTIFY_QUEUE_NAME": f"notify-test-{uuid.uuid4().hex[:12]}", "NOTIFY_CLAIM_TIMEOUT": "3",
               "NOTIFY_SWEEP_INTERVAL": "1", "NOTIFY_RECEIPT_WAIT": "3", "NOTIFY_FAKE_RECEIPT_DELAY_MS": "1500",
               "NOTIFY_FAKE_PROVIDER_LOG": str(provider_log), "NOTIFY_UPLOAD_DIR": str(tmp_path / "uploads")}
        server = start_server(tmp_path, env)  # migrates the database before any worker starts
        workers: list[tuple[subprocess.Popen[bytes], Path]] = []
        try:
            sender = provision(server)
            workers += [start_worker(tmp_path, env, name) for name in ("worker-a", "worker-b")]
            for process, log in workers:
                wait_ready(process, log)
                assert niceness(process.pid) == min(19, os.nice(0) + 10)  # NOTIFY_WORKER_NICE: yields to the API
            victim = workers[0][0]
            load = Load(sender, threads=8)
            load.start()
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and calls(provider_log, victim.pid) < 150:  # well under way
                time.sleep(0.02)
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=10)
            at_kill = statuses(database, sender.service_id)
            time.sleep(2)  # sends go on after the kill, to the survivor
            load.stop()

            settled = wait_until_settled(database, sender.service_id, timeout=45,
                                         describe=lambda: workers[1][1].read_text()[-3000:])
            result = tally(load, at_kill, settled, provider_log)
            print(f"kill -9 of a notify worker: {result.line()}; handed over by the victim: "
                  f"{calls(provider_log, victim.pid)}; "
                  f"calls in all: {sum(hand_overs(provider_log).values())}; {time.monotonic() - started:.1f} s")
            assert result.accepted >= 50
            assert result.in_flight_at_kill.get("sending"), "no receipt was pending at the kill: nothing was tested"
            assert result.wrong == {}
            assert (result.stuck, result.duplicates, result.never_received) == (0, 0, 0)
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


def calls(provider_log: Path, pid: int) -> int:
    """Hand-overs a process has made so far."""
    log = provider_log / f"{pid}.log"
    return len(log.read_text().splitlines()) if log.exists() else 0
