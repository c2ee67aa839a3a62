"""What the kill -9 tests share: a database of the test's own, a load that records every 201 with its
recipient, and the tally afterwards read from the database and from the fake providers' shared record.

Hand-overs are counted where the fake providers write them (NOTIFY_FAKE_PROVIDER_LOG): one line per call in a
file per process (" again" when the call was answered from the record, i.e. not received again), and one
record per notification a provider received, written in one step. "Received twice" is a notification with two
hand-over lines not marked " again"."""

from __future__ import annotations

import collections
import itertools
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests
from attrs import define, field

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.simulated import simulated_outcome
from tests.postgres_server import database_url_for_this_run

from .load import Sender

FINAL = {"delivered", "permanent-failure", "temporary-failure", "technical-failure"}
# 002 and 003 are Notify's simulated permanent and temporary failures (the scripted failures); 000, 111 and
# 222 are never stored (Notify's test numbers), so they are not used.
ENDINGS = ["123", "002", "456", "003", "789", "555", "321", "654"]


@contextmanager
def own_database() -> Iterator[str]:
    """A database of this test's own on the run's PostgreSQL server (sweeps look at the whole store)."""
    run_url = database_url_for_this_run()
    name = f"notify_test_{int(time.time())}_{uuid.uuid4().hex[:8]}"
    admin = dsn(run_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = run_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def expected_outcome(number: str) -> str:
    return simulated_outcome(NotificationType.SMS, "44" + number.lstrip("0")).value


@define
class Load:
    """Clients sending SMS back to back until stopped; every 201 kept with the number it went to."""

    sender: Sender
    threads: int = 8
    accepted: dict[str, str] = field(factory=dict)  # notification id -> number
    refused: collections.Counter[str] = field(factory=collections.Counter)
    _stop: threading.Event = field(factory=threading.Event)
    _workers: list[threading.Thread] = field(factory=list)
    _lock: threading.Lock = field(factory=threading.Lock)

    def start(self) -> None:
        counter = itertools.count()

        def client() -> None:
            with requests.Session() as session:
                while not self._stop.is_set():
                    number = f"07700900{ENDINGS[next(counter) % len(ENDINGS)]}"
                    try:
                        response = self.sender.send_sms(session, to=number, timeout=10)
                    except requests.RequestException as exc:
                        with self._lock:
                            self.refused[type(exc).__name__] += 1
                        time.sleep(0.05)
                        continue
                    with self._lock:
                        if response.status_code == 201:
                            self.accepted[response.json()["id"]] = number
                        else:
                            self.refused[str(response.status_code)] += 1

        self._workers = [threading.Thread(target=client, daemon=True) for _ in range(self.threads)]
        for worker in self._workers:
            worker.start()

    def stop(self) -> None:
        self._stop.set()
        for worker in self._workers:
            worker.join(30)

    def count(self) -> int:
        with self._lock:
            return len(self.accepted)


def statuses(database: str, service_id: str) -> dict[str, str]:
    with psycopg.connect(dsn(database)) as conn:
        rows = conn.execute("SELECT id::text, notification_status FROM notifications WHERE service_id = %s",
                            (service_id,)).fetchall()
    return dict(rows)


def wait_until_settled(database: str, service_id: str, *, timeout: float,
                       describe: Callable[[], str] = lambda: "") -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        found = statuses(database, service_id)
        if found and all(s in FINAL for s in found.values()):
            return found
        if time.monotonic() > deadline:
            waiting = collections.Counter(s for s in found.values() if s not in FINAL)
            raise AssertionError(f"not settled after {timeout:.0f} s: {len(found)} rows, {dict(waiting)}\n"
                                 f"{describe()}")
        time.sleep(0.25)


def hand_overs(folder: Path) -> collections.Counter[str]:
    """How many times each notification was received by a provider (calls answered from the record, marked
    " again", are not receptions)."""
    lines = (line.split() for f in folder.glob("*.log") for line in f.read_text().splitlines())
    return collections.Counter(parts[1] for parts in lines if len(parts) == 2)


def received(folder: Path) -> set[str]:
    return {f.name for f in (folder / "accepted").glob("*")}


@define
class CrashTally:
    accepted: int
    in_flight_at_kill: dict[str, int]  # status -> notifications not yet final when the process died
    delivered: int
    scripted_failures: int
    wrong: dict[str, tuple[str, str]]  # id -> (expected, found)
    stuck: int
    duplicates: int
    never_received: int

    def line(self) -> str:
        return (f"accepted {self.accepted}, delivered {self.delivered}, scripted failures {self.scripted_failures}, "
                f"stuck {self.stuck}, duplicates {self.duplicates}, wrong outcome {len(self.wrong)}, never received "
                f"{self.never_received}; not final at the kill: {self.in_flight_at_kill}")


def tally(load: Load, at_kill: dict[str, str], settled: dict[str, str], provider_log: Path) -> CrashTally:
    wrong = {i: (expected_outcome(number), settled.get(i, "missing")) for i, number in load.accepted.items()
             if settled.get(i) != expected_outcome(number)}
    counts = hand_overs(provider_log)
    got = received(provider_log)
    ok = [i for i in load.accepted if i not in wrong]
    return CrashTally(
        accepted=len(load.accepted),
        in_flight_at_kill=dict(collections.Counter(s for s in at_kill.values() if s not in FINAL)),
        delivered=sum(1 for i in ok if settled[i] == NotificationStatus.DELIVERED.value),
        scripted_failures=sum(1 for i in ok if settled[i] != NotificationStatus.DELIVERED.value),
        wrong=wrong,
        stuck=sum(1 for s in settled.values() if s not in FINAL),
        duplicates=sum(1 for c in counts.values() if c > 1),
        never_received=sum(1 for i in load.accepted if i not in got),
    )
