"""PostgreSQL restarted (and crashed) under load, against a real `notify serve` on a cluster of this test's own.

Proves three promises about faults:
- a request in flight when the database goes away gets a 503 in Notify's v2 envelope (retryable), never a 500
  and never a dropped connection;
- the server recovers on its own (same process, pre-ping and a fresh pool connection), no restart;
- every notification that got a 201 is in the database afterwards: notifications lost = 0.
Prints the figures (faults injected, requests, 201s, 503s, lost)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests

from tests.e2e.conftest import Server, start_server, stop_server

from .cluster import Cluster
from .load import Sender, Tally, provision

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

THREADS = 4
SECRET_KEY = "faults-secret-key-0123456789abcdef0123456789abcdef"
RECOVERY_REQUESTS = 20
RECEIPT_WAIT_SECONDS = 30  # the fake provider retries a receipt after 1, 2, 4, 8, 16 s


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    made = Cluster()
    try:
        made.start()
        yield made
    finally:
        made.destroy()


@pytest.fixture(scope="module")
def server(cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("faults-serve"), {
        "NOTIFY_DATABASE_URL": cluster.url, "NOTIFY_SECRET_KEY": SECRET_KEY,
        # a dead server is found out fast: refused at once when down, 2 s at most when unreachable
        "NOTIFY_DATABASE_CONNECT_TIMEOUT": "2"})
    yield running
    stop_server(running)


def load(sender: Sender, tally: Tally, stop: threading.Event) -> None:
    with requests.Session() as session:
        while not stop.is_set():
            try:
                tally.record(sender.send_sms(session))
            except requests.RequestException as exc:  # a dropped connection: what must never happen
                tally.failed(exc)


def test_postgres_restarted_under_load_answers_503_at_worst_recovers_and_loses_nothing(
        cluster: Cluster, server: Server) -> None:
    sender = provision(server)
    pid = server.process.pid
    tally, stop = Tally(), threading.Event()
    threads = [threading.Thread(target=load, args=(sender, tally, stop), daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    faults: list[str] = []
    try:
        time.sleep(1.0)  # warm: the pool is full of connections that are about to die
        cluster.restart_fast()
        faults.append("pg_ctl restart -m fast")
        time.sleep(1.0)
        cluster.stop("fast")
        time.sleep(1.5)  # down: every request in this window must get a 503
        cluster.start()
        faults.append("pg_ctl stop -m fast, 1.5 s down, start")
        time.sleep(1.0)
        cluster.stop("immediate")  # a crash: no shutdown checkpoint, crash recovery on start
        time.sleep(1.0)
        cluster.start()
        faults.append("pg_ctl stop -m immediate (crash), 1 s down, start")
        time.sleep(1.5)  # load goes on after the last start
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)

    # Recovered without a restart: the same process answers 201 to every request now.
    assert server.process.poll() is None and server.process.pid == pid
    with requests.Session() as session:
        after = [sender.send_sms(session) for _ in range(RECOVERY_REQUESTS)]
    assert [r.status_code for r in after] == [201] * RECOVERY_REQUESTS
    accepted = tally.accepted + [r.json()["id"] for r in after]

    # No accepted notification lost: each one is readable through the API and present in the table.
    with requests.Session() as session:
        missing_by_api = [nid for nid in accepted if sender.get(session, nid).status_code != 200]
    # Receipts that met the outage are retried by the provider (as a real one retries its callback on a
    # 503), so nothing handed over stays `sending`; `created` ones wait for the sweep and are only reported.
    deadline = time.monotonic() + RECEIPT_WAIT_SECONDS
    while True:
        with psycopg.connect(cluster.dsn) as conn:
            stored = conn.execute("SELECT count(*) FROM notifications WHERE id = ANY(%s::uuid[])",
                                  (accepted,)).fetchone()[0]
            statuses = Counter(dict(conn.execute(
                "SELECT notification_status, count(*) FROM notifications WHERE service_id = %s "
                "GROUP BY notification_status", (sender.service_id,)).fetchall()))
        if statuses["sending"] == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    lost = len(accepted) - stored

    print(f"\nfaults injected: {len(faults)} ({'; '.join(faults)})"
          f"\nrequests sent under faults: {tally.sent} ({THREADS} threads), 201: {tally.statuses[201]}, "
          f"503: {tally.statuses[503]}, other: {dict((k, v) for k, v in tally.statuses.items() if k not in (201, 503))}, "
          f"dropped connections: {len(tally.transport_errors)}"
          f"\nrecovery: {RECOVERY_REQUESTS}/{RECOVERY_REQUESTS} 201 after the last start, same pid {pid}"
          f"\naccepted: {len(accepted)}, in the database: {stored}, missing via GET: {len(missing_by_api)}, "
          f"notifications lost: {lost}"
          f"\nstatuses afterwards (created ones wait for the sweep): {dict(statuses)}")

    assert statuses["sending"] == 0, f"receipts lost in the outage: {dict(statuses)}"
    assert tally.transport_errors == [], tally.transport_errors[:5]
    assert tally.other == [], f"non-201/503 answers (a 500 is a bug): {tally.other[:5]}\n{_log_tail(server.log)}"
    assert tally.statuses[503] > 0, "the database was down for seconds: some request must have seen it"
    for body, retry_after in tally.unavailable_bodies:
        assert body["status_code"] == 503
        assert [e["error"] for e in body["errors"]] == ["ServiceUnavailableError"]
        assert retry_after is not None and int(retry_after) > 0
    assert missing_by_api == []
    assert lost == 0


def _log_tail(log: Path, lines: int = 60) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
