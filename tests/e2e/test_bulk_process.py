"""`notify serve` on PostgreSQL runs jobs in a bulk process of their own, at a lower priority than the API's:
a job still runs to the end, and a bulk process that dies is replaced and the next job runs too."""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .. import postgres_server
from .conftest import Server, admin_client, niceness, provision_live_service, start_server, stop_server
from .test_jobs import send_csv

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


@pytest.fixture(scope="module")
def on_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = Path(tmp_path_factory.mktemp("bulk"))
    server = start_server(workdir, {"NOTIFY_DATABASE_URL": postgres_server.database_url_for_this_run(),
                                    "NOTIFY_SECRET_KEY": "bulk-process-secret-key",
                                    "NOTIFY_UPLOAD_DIR": str(workdir / "uploads")})
    yield server
    stop_server(server)


def bulk_processes(server: Server) -> list[int]:
    """The bulk processes the server has announced, in order."""
    return [int(pid) for pid in re.findall(r"notify: bulk process (\d+) runs the jobs", server.log.read_text())]


def wait_for_bulk_process(server: Server, count: int) -> int:
    deadline = time.monotonic() + 30
    while len(bulk_processes(server)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(bulk_processes(server)) == count, server.log.read_text()[-3000:]
    return bulk_processes(server)[-1]


def run_job(server: Server, tmp_path: Path, rows: int) -> dict[str, object]:
    live = provision_live_service(server, "Bulk")
    path = tmp_path / "people.csv"
    path.write_text("phone number,name\n" + "".join(f"07700900{n:03d},Person {n}\n" for n in range(100, 100 + rows)))
    result = send_csv(server, {"service": live.service_id, "template": live.templates["sms"]}, path)
    assert result.returncode == 0, result.stderr
    job_id = result.stdout.split()[1].rstrip(":")
    admin = admin_client(server)
    deadline = time.monotonic() + 30
    while True:
        job: dict[str, object] = admin.get(f"/service/{live.service_id}/job/{job_id}")["data"]
        if job["notifications_delivered"] == rows or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def test_a_job_runs_in_a_bulk_process_that_yields_the_processors_to_the_api(on_postgres: Server,
                                                                             tmp_path: Path) -> None:
    bulk = wait_for_bulk_process(on_postgres, 1)
    assert bulk != on_postgres.process.pid
    assert niceness(bulk) == min(19, os.nice(0) + 10)  # NOTIFY_WORKER_NICE
    job = run_job(on_postgres, tmp_path, 25)
    assert job["job_status"] == "finished" and job["notifications_delivered"] == 25


def test_a_bulk_process_that_dies_is_replaced_and_the_next_job_runs(on_postgres: Server, tmp_path: Path) -> None:
    before = len(bulk_processes(on_postgres))
    os.kill(wait_for_bulk_process(on_postgres, before), signal.SIGKILL)
    replacement = wait_for_bulk_process(on_postgres, before + 1)
    assert replacement not in bulk_processes(on_postgres)[:-1]
    job = run_job(on_postgres, tmp_path, 10)
    assert job["job_status"] == "finished" and job["notifications_delivered"] == 10
