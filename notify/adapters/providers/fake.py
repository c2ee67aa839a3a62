"""Fake SMS, email and letter providers that behave like real ones: they accept a message, answer with a
provider reference, and later report a delivery receipt through the receipt sink, which is the same use case
the HTTP callback endpoint (POST /notifications/{type}/fake/{provider}) calls for a real provider's callback.

Outcomes: by default Notify's simulated outcomes (numbers ending 7700900003 / 7700900002, temp-fail@ /
perm-fail@simulator.notify fail; everything else is delivered). Tests script them per recipient with
`script[normalised_to] = status`, make the provider fail technically (`fail_next(n)`, `failing = True`), and
choose when receipts arrive: `receipt_delay` seconds on a timer thread, 0 for at once, None to hold them
until `flush_receipts()`. With `log_dir`, every accepted message is also appended, as the line
"<provider> <notification id>", to <log_dir>/<pid>.log, written before the call returns (what a provider has
received survives the process that sent it: tests count hand-overs across processes there)."""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.errors import StoreUnavailable
from notify.domain.simulated import simulated_outcome
from notify.ports.providers import ProviderError, ProviderReceipt

log = logging.getLogger("notify.providers.fake")
ReceiptSink = Callable[[str, UUID, NotificationStatus], None]  # (provider name, notification id, status)


@frozen
class SentMessage:
    provider: str
    notification_id: UUID
    to: str
    content: str
    reference: str
    details: dict[str, Any]


@frozen
class PendingReceipt:
    provider: str
    notification_id: UUID
    status: NotificationStatus


class _Scheduler:
    """One daemon thread running callbacks at their due time (a thread per receipt would cost far more)."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._cv = threading.Condition()
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None

    def call_later(self, delay: float, callback: Callable[[], None]) -> None:
        with self._cv:
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq), callback))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="fake-provider-receipts", daemon=True)
                self._thread.start()
            self._cv.notify()

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    self._cv.wait(None if not self._heap else self._heap[0][0] - time.monotonic())
                _, _, callback = heapq.heappop(self._heap)
            try:
                callback()
            except Exception:
                log.exception("fake provider receipt failed")


RECEIPT_RETRIES = 10  # 1 s, 2 s, 4 s ... then every minute: about six minutes of outage survived
_SCHEDULER = _Scheduler()
_LOG_FDS: dict[tuple[str, int], int] = {}


def _append_line(folder: str, line: str) -> None:
    """One write(2) to an O_APPEND file: in the kernel once it returns, whatever becomes of this process."""
    key = (folder, os.getpid())
    fd = _LOG_FDS.get(key)
    if fd is None:
        os.makedirs(folder, exist_ok=True)
        fd = _LOG_FDS[key] = os.open(os.path.join(folder, f"{key[1]}.log"), os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                                     0o644)
    os.write(fd, line.encode())


class _FakeProvider:
    notification_type: NotificationType

    def __init__(self, name: str, *, receipt_delay: float | None = 0.5, log_dir: str | None = None,
                 keep_sent: int | None = None) -> None:
        self.name = name
        self.keep_sent = keep_sent  # None: `sent` keeps every message (tests); else about the newest N (serve)
        self.receipt_delay = receipt_delay
        self.log_dir = log_dir
        self.sent: list[SentMessage] = []
        self.script: dict[str, NotificationStatus] = {}
        self.failing = False
        self._failures_left = 0
        self._sink: ReceiptSink | None = None
        self._held: list[PendingReceipt] = []
        self._lock = threading.Lock()
        self._refs = itertools.count(1)

    # -- wiring and scripting ------------------------------------------------------------------------------
    def connect(self, sink: ReceiptSink) -> None:
        """Where receipts go: the receipt use case (the same one the HTTP callback endpoint calls)."""
        self._sink = sink

    def fail_next(self, times: int = 1) -> None:
        with self._lock:
            self._failures_left += times

    def flush_receipts(self) -> int:
        """Deliver every held receipt now (receipt_delay=None); returns how many."""
        with self._lock:
            held, self._held = self._held, []
        for receipt in held:
            self._deliver(receipt)
        return len(held)

    @property
    def held_receipts(self) -> list[PendingReceipt]:
        with self._lock:
            return list(self._held)

    # -- what every send does ------------------------------------------------------------------------------
    def _accept(self, notification_id: UUID, to: str, content: str, **details: Any) -> ProviderReceipt:
        with self._lock:
            if self.failing or self._failures_left > 0:
                self._failures_left = max(0, self._failures_left - 1)
                raise ProviderError(f"{self.name} is failing (scripted)")
            reference = f"{self.name}-{next(self._refs):08d}"
            self.sent.append(SentMessage(self.name, notification_id, to, content, reference, details))
            if self.keep_sent is not None and len(self.sent) > 2 * self.keep_sent:
                del self.sent[:-self.keep_sent]  # a long-running serve must not grow with every message
            if self.log_dir is not None:
                _append_line(self.log_dir, f"{self.name} {notification_id}\n")
        outcome = self.script.get(to.lower()) or self.script.get(to) or simulated_outcome(self.notification_type, to)
        self._schedule(PendingReceipt(self.name, notification_id, outcome))
        return ProviderReceipt(provider=self.name, reference=reference)

    def _schedule(self, receipt: PendingReceipt) -> None:
        if self.receipt_delay is None or self._sink is None:
            with self._lock:
                self._held.append(receipt)
        elif self.receipt_delay <= 0:
            self._deliver(receipt)
        else:
            _SCHEDULER.call_later(self.receipt_delay, lambda: self._deliver(receipt))

    def _deliver(self, receipt: PendingReceipt, attempt: int = 0) -> None:
        if self._sink is None:
            with self._lock:
                self._held.append(receipt)
            return
        try:
            self._sink(receipt.provider, receipt.notification_id, receipt.status)
        except StoreUnavailable:
            # A real provider retries its callback with backoff when we answer 503; so does the fake.
            if attempt >= RECEIPT_RETRIES:
                raise
            _SCHEDULER.call_later(min(2 ** attempt, 60), lambda: self._deliver(receipt, attempt + 1))


class FakeSmsProvider(_FakeProvider):
    notification_type = NotificationType.SMS

    def __init__(self, name: str = "fake-sms", **kwargs: Any) -> None:
        super().__init__(name, **kwargs)

    def send_sms(self, *, to: str, content: str, reference: UUID, sender: str | None,
                 international: bool = False) -> ProviderReceipt:
        return self._accept(reference, to, content, sender=sender, international=international)


class FakeEmailProvider(_FakeProvider):
    notification_type = NotificationType.EMAIL

    def __init__(self, name: str = "fake-email", **kwargs: Any) -> None:
        super().__init__(name, **kwargs)

    def send_email(self, *, to: str, subject: str, body: str, html: str | None, reference: UUID,
                   from_address: str, reply_to: str | None = None) -> ProviderReceipt:
        return self._accept(reference, to, body, subject=subject, from_address=from_address, reply_to=reply_to)


class FakeLetterProvider(_FakeProvider):
    notification_type = NotificationType.LETTER

    def __init__(self, name: str = "fake-letter", **kwargs: Any) -> None:
        super().__init__(name, **kwargs)

    def send_letter(self, *, address: list[str], content: str, reference: UUID, postage: str) -> ProviderReceipt:
        return self._accept(reference, "\n".join(address), content, address=list(address), postage=postage)
