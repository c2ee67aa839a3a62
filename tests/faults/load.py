"""Load against a real `notify serve`: a service, template and API key made through the admin API, and a
sender that POSTs /v2/notifications/sms signed as the official client signs (a fresh JWT per request).
Used by the fault tests and by bench/soak.py. Loopback only."""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import uuid4

import jwt
import requests
from attrs import define, field, frozen

from tests.e2e.conftest import Server, provision_live_service

# Far above what a test can send: the fault tests are about the store and the providers, not the limits.
UNLIMITED = 10**9


@frozen
class Sender:
    """What a client needs to send: where, which service, its key's secret, and an SMS template."""

    base_url: str
    service_id: str
    secret: str
    template_id: str

    def token(self) -> str:
        return jwt.encode({"iss": self.service_id, "iat": int(time.time())}, self.secret, algorithm="HS256")

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}", "Content-Type": "application/json"}

    def send_sms(self, session: requests.Session, *, to: str = "07700900123", reference: str | None = None,
                 timeout: float = 30) -> requests.Response:
        body = {"phone_number": to, "template_id": self.template_id, "personalisation": {"name": "Ada"},
                "reference": reference or uuid4().hex}
        return session.post(f"{self.base_url}/v2/notifications/sms", json=body, headers=self.headers(),
                            timeout=timeout)

    def get(self, session: requests.Session, notification_id: str, timeout: float = 30) -> requests.Response:
        return session.get(f"{self.base_url}/v2/notifications/{notification_id}", headers=self.headers(),
                           timeout=timeout)


def provision(server: Server) -> Sender:
    """A live (not trial) service without practical limits, its SMS template and a normal API key."""
    live = provision_live_service(server, "Faults", rate_limit=UNLIMITED, sms_message_limit=UNLIMITED,
                                  email_message_limit=UNLIMITED, letter_message_limit=UNLIMITED)
    return Sender(server.base_url, live.service_id, live.secret, live.templates["sms"])


@define
class Tally:
    """What a load run saw: status codes, the ids of accepted notifications, and the odd bodies."""

    statuses: Counter[int] = field(factory=Counter)
    accepted: list[str] = field(factory=list)
    unavailable_bodies: list[Any] = field(factory=list)
    other: list[tuple[int, str]] = field(factory=list)
    transport_errors: list[str] = field(factory=list)
    _lock: threading.Lock = field(factory=threading.Lock, repr=False)

    @property
    def sent(self) -> int:
        return sum(self.statuses.values()) + len(self.transport_errors)

    def record(self, response: requests.Response) -> None:
        """Thread-safe: one Tally is shared by every sending thread."""
        with self._lock:
            self.statuses[response.status_code] += 1
            if response.status_code == 201:
                self.accepted.append(response.json()["id"])
            elif response.status_code == 503:
                self.unavailable_bodies.append((response.json(), response.headers.get("Retry-After")))
            else:
                self.other.append((response.status_code, response.text[:500]))

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self.transport_errors.append(f"{type(error).__name__}: {error}")


def rss_kib(pid: int) -> int:
    """The resident set of a process, from /proc/<pid>/status (VmRSS, in KiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


@define
class SteadyRun:
    """A steady load's figures: requests by status, and (seconds since start, RSS KiB) samples of the server."""

    tally: Tally
    samples: list[tuple[float, int]]
    warm_rss_kib: int
    end_rss_kib: int
    seconds: float

    @property
    def growth_kib(self) -> int:
        return self.end_rss_kib - self.warm_rss_kib


EXPECTED_STEADY = frozenset({200, 201, 400})


def mixed_request(sender: Sender, session: requests.Session, n: int, last_id: str | None) -> requests.Response:
    """Eight sends, one read and one refused send (400) in every ten: the hot path, and an error path."""
    if n % 10 == 8 and last_id:
        return sender.get(session, last_id)
    if n % 10 == 9:
        return sender.send_sms(session, to="not a phone number")
    return sender.send_sms(session)


def steady_load(sender: Sender, pid: int, *, seconds: float, warmup: float, threads: int = 4,
                max_requests: int = 10**6, sample_every: float = 5.0,
                say: Callable[[str], None] = lambda _: None) -> SteadyRun:
    """`threads` clients sending back to back for `warmup` + `seconds` (or until `max_requests`), sampling
    the server's RSS every `sample_every` seconds. The warm RSS is taken when the warm-up ends."""
    tally, stop = Tally(), threading.Event()
    counter = itertools.count()

    def client() -> None:
        last_id: str | None = None
        with requests.Session() as session:
            while not stop.is_set():
                n = next(counter)
                if n >= max_requests:
                    return
                try:
                    response = mixed_request(sender, session, n, last_id)
                except requests.RequestException as exc:
                    tally.failed(exc)
                    continue
                if response.status_code == 201:
                    last_id = response.json()["id"]
                with tally._lock:  # counts only, no ids or bodies kept: a long run must not grow the client
                    tally.statuses[response.status_code] += 1
                    if response.status_code not in EXPECTED_STEADY and len(tally.other) < 20:
                        tally.other.append((response.status_code, response.text[:500]))

    workers = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    samples: list[tuple[float, int]] = []
    warm_rss = 0
    end_at = start + warmup + seconds
    next_sample = start
    try:
        while time.monotonic() < end_at and any(w.is_alive() for w in workers):
            now = time.monotonic()
            if now >= next_sample:
                rss = rss_kib(pid)
                samples.append((now - start, rss))
                say(f"t={now - start:6.1f}s rss={rss / 1024:7.1f} MiB requests={tally.sent}")
                next_sample += sample_every
            if not warm_rss and now - start >= warmup:
                warm_rss = rss_kib(pid)
                samples.append((now - start, warm_rss))
                say(f"t={now - start:6.1f}s rss={warm_rss / 1024:7.1f} MiB (warm) requests={tally.sent}")
            time.sleep(0.05)
    finally:
        stop.set()
        for worker in workers:
            worker.join(60)
    elapsed = time.monotonic() - start
    end_rss = rss_kib(pid)
    samples.append((elapsed, end_rss))
    say(f"t={elapsed:6.1f}s rss={end_rss / 1024:7.1f} MiB (end) requests={tally.sent}")
    return SteadyRun(tally, samples, warm_rss or samples[0][1], end_rss, elapsed)
