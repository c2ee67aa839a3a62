"""kill -9 of `notify serve` delivering in-process, under load, then `notify serve` started again.

What the killed process held in memory is gone: ids queued for delivery (their notifications wait in
`created`) and receipts its fake providers had scheduled (their notifications wait in `sending`). The new
process's sweeps settle both: `created` is delivered again (the idempotent provider answers what it already
took from its record), and a notification left in `sending` past NOTIFY_RECEIPT_WAIT is asked about at the
provider that took it (the fakes answer from their shared record). Every 201 must end in its expected final
status (delivered, or the simulated failure of its number), none left `created` or `sending`, and no provider
may receive one twice. Timeouts are short here: sweeps every second, receipts asked for after 3 s."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import Server, start_server, stop_server

from .crash import Load, own_database, statuses, tally, wait_until_settled
from .load import provision

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

SECRET_KEY = "kill-nine-serve-key-0123456789abcdefghijklmnop"


def test_notify_serve_killed_under_load_loses_nothing_and_sends_nothing_twice(tmp_path: Path) -> None:
    started = time.monotonic()
    provider_log = tmp_path / "handovers"
    with own_database() as database:
        env = {"NOTIFY_DATABASE_URL": database, "NOTIFY_SECRET_KEY": SECRET_KEY,
               "NOTIFY_FAKE_PROVIDER_LOG": str(provider_log), "NOTIFY_FAKE_RECEIPT_DELAY_MS": "1500",
               "NOTIFY_SWEEP_INTERVAL": "1", "NOTIFY_CLAIM_TIMEOUT": "2", "NOTIFY_RECEIPT_WAIT": "3",
               "NOTIFY_UPLOAD_DIR": str(tmp_path / "uploads")}
        (tmp_path / "first").mkdir()
        (tmp_path / "second").mkdir()
        first = start_server(tmp_path / "first", env)
        second: Server | None = None
        try:
            sender = provision(first)
            load = Load(sender, threads=8)
            load.start()
            deadline = time.monotonic() + 10  # under load: a few hundred accepted, or ten seconds of it
            while load.count() < 400 and time.monotonic() < deadline:
                time.sleep(0.05)
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(timeout=10)
            load.stop()
            at_kill = statuses(database, sender.service_id)

            second = start_server(tmp_path / "second", env)
            settled = wait_until_settled(database, sender.service_id, timeout=45,
                                         describe=lambda: (tmp_path / "second" / "server.log").read_text()[-3000:])
            result = tally(load, at_kill, settled, provider_log)
            print(f"kill -9 of notify serve: {result.line()}; {time.monotonic() - started:.1f} s")
            assert result.accepted >= 50
            assert result.in_flight_at_kill, "everything had settled before the kill: nothing was tested"
            assert result.wrong == {}
            assert (result.stuck, result.duplicates, result.never_received) == (0, 0, 0)
        finally:
            if second is not None:
                stop_server(second)
            if first.process.poll() is None:
                first.process.kill()
