"""Fake SMS, email and letter providers that behave like real ones: they accept a message, answer with a
provider reference, and later report a delivery receipt through the receipt sink, which is the same use case
the HTTP callback endpoint (POST /notifications/{type}/fake/{provider}) calls for a real provider's callback.

Idempotent, as the provider port allows: the notification id is the idempotency key, and a message handed
over again (a retry after a worker died mid-call) is answered with the first receipt and never sent twice.
In one process the fake remembers the newest IDEMPOTENCY_WINDOW ids; with `log_dir`, processes share what
they accepted through <log_dir>/accepted/ (one file per id, created with O_EXCL, naming the provider and the
accepting process), as one real provider would.

Outcomes: by default Notify's simulated outcomes (numbers ending 7700900003 / 7700900002, temp-fail@ /
perm-fail@simulator.notify fail; everything else is delivered). Tests script them per recipient with
`script[normalised_to] = status`, make the provider fail technically (`fail_next(n)`, `failing = True`), and
choose when receipts arrive: `receipt_delay` seconds later (receipts due together go to the sink as one
batch, as a busy provider's callbacks would be handled), 0 for at once, None to hold them until
`flush_receipts()`. With `log_dir`, every hand-over is also appended, as the line "<provider> <notification
id>" (" again" added when it was answered from the record), to <log_dir>/<pid>.log before the call returns:
what a provider was handed survives the process that handed it (tests count hand-overs across processes).

Asked about a message (`delivery_status`, ports.providers.DeliveryStatusQuery), a fake answers from its
record once the receipt is due: the outcome is recorded with the acceptance, so a process that did not take
the message (another worker, or `notify serve` started again after a crash) answers for it too."""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.errors import StoreUnavailable
from notify.domain.simulated import simulated_outcome
from notify.ports.providers import DeliveryReceipt, ProviderError, ProviderReceipt

log = logging.getLogger("notify.providers.fake")
ReceiptSink = Callable[[Sequence[DeliveryReceipt]], None]

IDEMPOTENCY_WINDOW = 200_000  # ids remembered per process (a real provider keeps them for a day or so)
RECEIPT_RETRIES = 10  # 1 s, 2 s, 4 s ... then every minute: about six minutes of outage survived
BATCH_WINDOW = 0.1  # seconds: receipts due this close together are reported together
MAX_BATCH = 1000
REPORTERS = 2  # batches reported at once: one's database round trips overlap the other's work


@frozen
class SentMessage:
    provider: str
    notification_id: UUID
    to: str
    content: str
    reference: str
    details: dict[str, Any]


_Batch = tuple["_FakeProvider", list[DeliveryReceipt], int]


class _ReceiptScheduler:
    """One daemon thread taking receipts when due, in batches per provider (a thread or a sink call per
    receipt would cost far more than the receipt itself), and REPORTERS threads reporting them, as a busy
    provider's callbacks arrive on several connections at once. A batch is taken only when a reporter is
    free: while the sink is slow, what falls due meanwhile makes the next batch bigger."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _FakeProvider, list[DeliveryReceipt], int]] = []
        self._cv = threading.Condition()
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None
        self._taken: queue.Queue[list[_Batch]] = queue.Queue()
        self._free = threading.Semaphore(REPORTERS)

    def call_later(self, delay: float, provider: _FakeProvider, receipts: list[DeliveryReceipt],
                   attempt: int = 0) -> None:
        with self._cv:
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq), provider, receipts, attempt))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="fake-provider-receipts", daemon=True)
                self._thread.start()
                for n in range(REPORTERS):
                    threading.Thread(target=self._report, name=f"fake-provider-reporter-{n}", daemon=True).start()
            self._cv.notify()

    def _run(self) -> None:
        while True:
            self._free.acquire()
            with self._cv:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    self._cv.wait(None if not self._heap else self._heap[0][0] - time.monotonic())
                due = time.monotonic() + BATCH_WINDOW
                batches: dict[tuple[int, int], _Batch] = {}
                taken = 0
                while self._heap and self._heap[0][0] <= due and taken < MAX_BATCH:
                    _, _, provider, receipts, attempt = heapq.heappop(self._heap)
                    batches.setdefault((id(provider), attempt), (provider, [], attempt))[1].extend(receipts)
                    taken += len(receipts)
            self._taken.put(list(batches.values()))

    def _report(self) -> None:
        while True:
            batches = self._taken.get()
            try:
                for provider, receipts, attempt in batches:
                    try:
                        provider._report(receipts, attempt)
                    except Exception:
                        log.exception("fake provider receipts failed")
            finally:
                self._free.release()


_SCHEDULER = _ReceiptScheduler()
_LOG_FDS: dict[tuple[str, int], int] = {}
# This process's id, read once (a system call per message otherwise) and again in a forked child.
_PID = [os.getpid()]
os.register_at_fork(after_in_child=lambda: _PID.__setitem__(0, os.getpid()))


def _append_line(folder: str, line: str) -> None:
    """One write(2) to an O_APPEND file: in the kernel once it returns, whatever becomes of this process."""
    key = (folder, os.getpid())
    fd = _LOG_FDS.get(key)
    if fd is None:
        os.makedirs(folder, exist_ok=True)
        fd = _LOG_FDS[key] = os.open(os.path.join(folder, f"{key[1]}.log"), os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                                     0o644)
    os.write(fd, line.encode())


@frozen
class _Acceptance:
    """What a fake recorded when it took a message: its reference, the outcome its receipt reports, and
    when the receipt is due (time.time())."""

    provider: str
    reference: str
    outcome: NotificationStatus
    due: float


def _accept_once(folder: str, accepted: _Acceptance, notification_id: UUID) -> _Acceptance | None:
    """Across processes: record that a provider accepted this id (one file holding "<provider> <pid>
    <reference> <outcome> <receipt due, ms since the epoch>", written whole under a private name and then hard-linked into place:
    link(2) fails when the name exists, so the acceptance is one atomic step, as at a real provider, and a
    process killed at any moment leaves either a whole record or none) unless it is recorded already; then
    return the recorded acceptance."""
    path = os.path.join(folder, "accepted", str(notification_id))
    draft = os.path.join(folder, "accepting", f"{os.getpid()}-{threading.get_ident()}-{notification_id}")
    try:
        with open(draft, "w") as handle:
            handle.write(f"{accepted.provider} {os.getpid()} {accepted.reference} {accepted.outcome.value} "
                         f"{int(accepted.due * 1000)}")  # milliseconds, rounded down: never later than due
    except FileNotFoundError:
        for sub in ("accepted", "accepting"):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
        return _accept_once(folder, accepted, notification_id)
    try:
        os.link(draft, path)
    except FileExistsError:
        return _recorded(folder, notification_id)
    finally:
        os.unlink(draft)
    return None


def _recorded(folder: str, notification_id: UUID) -> _Acceptance | None:
    try:
        with open(os.path.join(folder, "accepted", str(notification_id))) as handle:
            provider, _pid, reference, outcome, due = handle.read().split()
    except (FileNotFoundError, ValueError):
        return None
    return _Acceptance(provider, reference, NotificationStatus(outcome), int(due) / 1000)


class _FakeProvider:
    notification_type: NotificationType
    idempotent = True

    def __init__(self, name: str, *, receipt_delay: float | None = 0.5, log_dir: str | None = None,
                 keep_sent: int | None = None, batch_receipts: bool = False) -> None:
        self.name = name
        # With a delay of 0, report on the receipt thread in batches rather than one transaction per receipt on
        # the sender's thread (a server's deliveries); embedded sends that must see `delivered` at once do not.
        self.batch_receipts = batch_receipts
        self.keep_sent = keep_sent  # None: `sent` keeps every message (tests); else about the newest N (serve)
        self.receipt_delay = receipt_delay
        self.log_dir = log_dir
        self.sent: list[SentMessage] = []
        self.duplicates = 0  # messages handed over again and answered from the idempotency record
        self.script: dict[str, NotificationStatus] = {}
        self.failing = False
        self._failures_left = 0
        self._sink: ReceiptSink | None = None
        self._held: list[DeliveryReceipt] = []
        self._accepted: OrderedDict[UUID, _Acceptance] = OrderedDict()
        self._lock = threading.Lock()
        self._refs = itertools.count(1)

    # -- wiring and scripting ------------------------------------------------------------------------------
    def connect(self, sink: ReceiptSink) -> None:
        """Where receipts go: the receipts use case (the same one the HTTP callback endpoint calls)."""
        self._sink = sink

    def fail_next(self, times: int = 1) -> None:
        with self._lock:
            self._failures_left += times

    def flush_receipts(self) -> int:
        """Deliver every held receipt now (receipt_delay=None); returns how many."""
        with self._lock:
            held, self._held = self._held, []
        if held:
            self._report(held)
        return len(held)

    @property
    def held_receipts(self) -> list[DeliveryReceipt]:
        with self._lock:
            return list(self._held)

    # -- what every send does ------------------------------------------------------------------------------
    def _accept(self, notification_id: UUID, to: str, content: str, **details: Any) -> ProviderReceipt:
        with self._lock:
            if self.failing or self._failures_left > 0:
                self._failures_left = max(0, self._failures_left - 1)
                raise ProviderError(f"{self.name} is failing (scripted)")
            known = self._accepted.get(notification_id)
            acceptance = known or _Acceptance(
                self.name, f"{self.name}-{_PID[0]}-{next(self._refs):08d}",
                self._scripted(to) or simulated_outcome(self.notification_type, to),
                time.time() + (self.receipt_delay or 0))
            if known is None and self.log_dir is not None:
                known = _accept_once(self.log_dir, acceptance, notification_id)
            if known is None:
                self._remember(notification_id, acceptance)
                self.sent.append(SentMessage(self.name, notification_id, to, content, acceptance.reference,
                                             details))
                if self.keep_sent is not None and len(self.sent) > 2 * self.keep_sent:
                    del self.sent[:-self.keep_sent]  # a long-running serve must not grow with every message
            else:
                self.duplicates += 1
                acceptance = known
            if self.log_dir is not None:
                _append_line(self.log_dir, f"{self.name} {notification_id}{' again' if known else ''}\n")
        # A message handed over again is not sent again, but its receipt is reported again (the first report
        # may have died with the process that made the first call); we ignore receipts we already have.
        self._schedule(DeliveryReceipt(self.name, notification_id, acceptance.outcome))
        return ProviderReceipt(provider=self.name, reference=acceptance.reference)

    def _scripted(self, to: str) -> NotificationStatus | None:
        if not self.script:
            return None
        return self.script.get(to.lower()) or self.script.get(to)

    def _remember(self, notification_id: UUID, acceptance: _Acceptance) -> None:
        self._accepted[notification_id] = acceptance
        if len(self._accepted) > IDEMPOTENCY_WINDOW:
            self._accepted.popitem(last=False)

    def delivery_status(self, *, notification_id: UUID, reference: str | None) -> NotificationStatus | None:
        """The outcome of a message this provider took, once its receipt is due; None before, or when it never
        took it (or another provider did)."""
        with self._lock:
            acceptance = self._accepted.get(notification_id)
        if acceptance is None and self.log_dir is not None:
            acceptance = _recorded(self.log_dir, notification_id)
        if acceptance is None or acceptance.provider != self.name or acceptance.due > time.time():
            return None
        return acceptance.outcome

    def _schedule(self, receipt: DeliveryReceipt) -> None:
        if self.receipt_delay is None or self._sink is None:
            with self._lock:
                self._held.append(receipt)
        elif self.receipt_delay <= 0 and not self.batch_receipts:
            self._report([receipt])
        else:
            _SCHEDULER.call_later(max(0.0, self.receipt_delay), self, [receipt])

    def _report(self, receipts: list[DeliveryReceipt], attempt: int = 0) -> None:
        if self._sink is None:
            with self._lock:
                self._held.extend(receipts)
            return
        try:
            self._sink(receipts)
        except StoreUnavailable:
            # A real provider retries its callback with backoff when we answer 503; so does the fake.
            if attempt >= RECEIPT_RETRIES:
                raise
            _SCHEDULER.call_later(min(2 ** attempt, 60), self, receipts, attempt + 1)


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
                   from_address: str, reply_to: str | None = None,
                   unsubscribe_url: str | None = None) -> ProviderReceipt:
        return self._accept(reference, to, body, subject=subject, from_address=from_address, reply_to=reply_to,
                            unsubscribe_url=unsubscribe_url)


class FakeLetterProvider(_FakeProvider):
    notification_type = NotificationType.LETTER

    def __init__(self, name: str = "fake-letter", **kwargs: Any) -> None:
        super().__init__(name, **kwargs)

    def send_letter(self, *, address: list[str], content: str, reference: UUID, postage: str) -> ProviderReceipt:
        return self._accept(reference, "\n".join(address), content, address=list(address), postage=postage)
