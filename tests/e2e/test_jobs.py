"""Jobs through a real `notify serve`: `notify send-csv` uploads a spreadsheet, creates the job and follows it
to the end (progress bar); a bad file is refused row by row; a scheduled job is cancelled."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from notifications_python_client.base import BaseAPIClient
from notifications_python_client.errors import HTTPError

from .conftest import Server, admin_client

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def setup(server: Server) -> dict[str, Any]:
    admin = admin_client(server)
    suffix = uuid4().hex[:8]
    user = admin.post("/user", data={"name": "Bulk", "email_address": f"bulk.{suffix}@example.gov.uk",
                                     "password": "a long enough password", "mobile_number": "07700900555"})["data"]
    service = admin.post("/service", data={"name": f"Bulk {suffix}", "user_id": user["id"],
                                           "restricted": False})["data"]
    template = admin.post(f"/service/{service['id']}/template", data={
        "name": "bulk sms", "template_type": "sms", "content": "Hello ((name))", "service": service["id"],
        "created_by": user["id"]})["data"]
    return {"admin": admin, "service": service["id"], "template": template["id"]}


def send_csv(server: Server, setup: dict[str, Any], path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NOTIFY_ADMIN_CLIENT_ID": server.admin_client_id,
           "NOTIFY_ADMIN_CLIENT_SECRET": server.admin_secret}
    return subprocess.run([sys.executable, "-m", "notify", "send-csv", str(path), "--service", setup["service"],
                           "--template", setup["template"], "--url", server.base_url, *extra],
                          capture_output=True, text=True, timeout=60, env=env)


def test_send_csv_runs_a_job_to_the_end_with_a_progress_bar(server: Server, setup: dict[str, Any],
                                                            tmp_path: Path) -> None:
    rows = [f"07700900{n:03d},Person {n}" for n in range(100, 140)]
    path = tmp_path / "people.csv"
    path.write_text("phone number,name\n" + "\n".join(rows) + "\n")
    result = send_csv(server, setup, path)
    assert result.returncode == 0, result.stderr
    assert "40/40 (100%)" in result.stderr
    job_id = result.stdout.split()[1].rstrip(":")
    admin: BaseAPIClient = setup["admin"]
    deadline = time.monotonic() + 15
    while True:
        job = admin.get(f"/service/{setup['service']}/job/{job_id}")["data"]
        if job["notifications_delivered"] == 40 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert job["job_status"] == "finished" and job["original_file_name"] == "people.csv"
    assert job["notifications_sent"] == 40 and job["notifications_delivered"] == 40
    assert job["statistics"] == [{"status": "delivered", "count": 40}]
    listed = admin.get(f"/service/{setup['service']}/job")
    assert job_id in [j["id"] for j in listed["data"]] and listed["total"] >= 1


def test_a_bad_file_is_refused_row_by_row(server: Server, setup: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("phone number,name\n07700900001,Ann\n12345,Bob\n07700900002,\n")
    result = send_csv(server, setup, path)
    assert result.returncode == 1
    assert "row 3, column 'phone number'" in result.stderr
    assert "row 4, column 'name': Missing data" in result.stderr
    listed = setup["admin"].get(f"/service/{setup['service']}/job")["data"]
    assert all(j["original_file_name"] != "bad.csv" for j in listed)


def test_a_scheduled_job_waits_and_can_be_cancelled(server: Server, setup: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "later.csv"
    path.write_text("phone number,name\n07700900001,Ann\n")
    later = (datetime.now(timezone.utc) + timedelta(hours=2)).isoformat()
    result = send_csv(server, setup, path, "--scheduled-for", later)
    assert result.returncode == 0, result.stderr
    job_id = result.stdout.split()[1].rstrip(":")
    admin: BaseAPIClient = setup["admin"]
    assert admin.get(f"/service/{setup['service']}/job/{job_id}")["data"]["job_status"] == "scheduled"
    cancelled = admin.post(f"/service/{setup['service']}/job/{job_id}/cancel", data={})["data"]
    assert cancelled["job_status"] == "cancelled"
    with pytest.raises(HTTPError) as refused:
        admin.post(f"/service/{setup['service']}/job/{job_id}/cancel", data={})
    assert refused.value.status_code == 404
