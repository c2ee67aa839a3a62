"""`notify serve --workers 2`: two processes on one port, one database, and a service's rate limit still exact:
however the sends are spread over the processes, its token bucket's burst and what refilled while they ran are
accepted and stored, no more."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import jwt
import psycopg
import pytest
import requests

from .. import postgres_server
from .conftest import Server, provision_live_service, start_server, stop_server

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

RATE_LIMIT = 40
BURST = 15  # min(ceil(RATE_LIMIT / 3) + 1, 1000)
SENDS = 120
THREADS = 12


@pytest.fixture(scope="module")
def database_url() -> str:
    return postgres_server.database_url_for_this_run()


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Server]:
    server = start_server(Path(tmp_path_factory.mktemp("workers")),
                          {"NOTIFY_DATABASE_URL": database_url, "NOTIFY_SECRET_KEY": "workers-secret-key"},
                          args=("--workers", "2"))
    yield server
    stop_server(server)


def _serving_processes(server: Server) -> set[str]:
    # the workers share the log, so one's line may run into another's: read every announcement, not lines
    return set(re.findall(r"notify serving on \S+ \(process (\d+)\)", server.log.read_text()))


def test_two_worker_processes_serve_one_port(two_workers: Server) -> None:
    deadline = time.monotonic() + 30
    while len(_serving_processes(two_workers)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_serving_processes(two_workers)) == 2
    assert requests.get(f"{two_workers.base_url}/_status", timeout=10).status_code == 200


def test_the_rate_limit_holds_across_worker_processes(two_workers: Server, database_url: str) -> None:
    live = provision_live_service(two_workers, "Workers", rate_limit=RATE_LIMIT, sms_message_limit=10**6)
    body = {"phone_number": "07700900123", "template_id": live.templates["sms"],
            "personalisation": {"name": "Ada"}}
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def sender(count: int) -> None:
        with requests.Session() as session:  # its own connection: the kernel spreads them over the workers
            start.wait()
            for _ in range(count):
                token = jwt.encode({"iss": live.service_id, "iat": int(time.time())}, live.secret,
                                   algorithm="HS256")
                status = session.post(f"{two_workers.base_url}/v2/notifications/sms", json=body, timeout=30,
                                      headers={"Authorization": f"Bearer {token}"}).status_code
                with lock:
                    statuses[status] += 1

    threads = [threading.Thread(target=sender, args=(SENDS // THREADS,)) for _ in range(THREADS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    refilled = int(RATE_LIMIT / 60 * (time.monotonic() - began)) + 1  # the tokens that came back meanwhile
    assert set(statuses) <= {201, 429} and statuses.total() == SENDS
    assert BURST <= statuses[201] <= BURST + refilled
    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        stored = connection.execute("SELECT count(*) FROM notifications WHERE service_id = %s",
                                    (live.service_id,)).fetchone()
    assert stored == (statuses[201],)
