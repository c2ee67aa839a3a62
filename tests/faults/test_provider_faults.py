"""Providers that time out or answer garbage: the delivery pipeline fails over to the next provider, and every
notification ends in a final state. Nothing is left in `sending` (where no receipt would ever come for it).

A real provider adapter calls an HTTP API with a configured timeout; when it expires the client raises (a
TimeoutError, requests' Timeout...). The faulty providers here do exactly that, or answer what a provider
must never answer (no receipt at all, a dict, a string) or raise what a parser raises on a garbled body."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any
from uuid import UUID

import attrs
import pytest

from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider
from notify.adapters.queue import InProcessDeliveryQueue, SynchronousDeliveryQueue
from notify.domain.constants import NotificationStatus
from notify.ports.providers import ProviderReceipt
from notify.usecases import delivery
from notify.usecases.app import Notify
from notify.usecases.retry_policy import RetryPolicy

from ..fakes import FrozenClock
from ..v2.conftest import ADDRESS, World, make_world

PROVIDER_TIMEOUT = 0.05  # seconds: what the faulty adapter's HTTP client is configured to wait
FINAL = frozenset({NotificationStatus.DELIVERED, NotificationStatus.PERMANENT_FAILURE,
                   NotificationStatus.TEMPORARY_FAILURE, NotificationStatus.TECHNICAL_FAILURE,
                   NotificationStatus.CANCELLED, NotificationStatus.RETURNED_LETTER})
GARBAGE: list[Any] = [None, {"id": "abc", "status": "ok"}, "200 OK", b"\x00\xff",
                      ValueError("Expecting value: line 1 column 1 (char 0)"), KeyError("reference"),
                      ConnectionResetError(104, "Connection reset by peer"), RuntimeError("unexpected")]


class FaultyProvider:
    """Speaks every channel. `answer(call_number)` decides: an exception to raise after waiting (a timeout),
    any other object to return as the 'receipt', or PASS to let the wrapped good provider answer."""

    PASS = object()

    def __init__(self, name: str, answer: Callable[[int], Any]) -> None:
        self.name = name
        self.answer = answer
        self.good: dict[str, Any] = {}  # method name -> the provider a PASS hands the call to
        self.calls = 0
        self._lock = threading.Lock()

    def _call(self, method: str, **kwargs: Any) -> Any:
        with self._lock:
            self.calls += 1
            n = self.calls
        outcome = self.answer(n)
        if outcome is self.PASS:
            return getattr(self.good[method], method)(**kwargs)
        if isinstance(outcome, TimeoutError):
            time.sleep(PROVIDER_TIMEOUT)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def send_sms(self, **kwargs: Any) -> Any:
        return self._call("send_sms", **kwargs)

    def send_email(self, **kwargs: Any) -> Any:
        return self._call("send_email", **kwargs)

    def send_letter(self, **kwargs: Any) -> Any:
        return self._call("send_letter", **kwargs)


def timing_out(name: str = "timing-out") -> FaultyProvider:
    return FaultyProvider(name, lambda _: TimeoutError(f"no answer within {PROVIDER_TIMEOUT} s"))


def garbage(answer: Any, name: str = "garbage") -> FaultyProvider:
    return FaultyProvider(name, lambda _: answer)


@attrs.define
class Rig:
    world: World
    good: tuple[FakeSmsProvider, FakeEmailProvider, FakeLetterProvider]

    @property
    def notify(self) -> Notify:
        return self.world.notify

    def status(self, notification_id: str | UUID) -> tuple[NotificationStatus, str | None]:
        with self.notify.uow() as uow:
            found = uow.notifications.find(UUID(str(notification_id)))
        assert found is not None
        return found.status, found.sent_by

    def flush(self) -> int:
        return sum(p.flush_receipts() for p in self.good)


def rig(notify: Notify, clock: FrozenClock, front: list[Any], *, queue: Any = None,
        good: bool = True) -> Rig:
    """The pipeline as the composition root wires it, with `front` providers tried before the good fakes
    (receipts held until flushed) on every channel, and a synchronous queue unless one is given."""
    fakes = (FakeSmsProvider(receipt_delay=None), FakeEmailProvider(receipt_delay=None),
             FakeLetterProvider(receipt_delay=None))
    tail = list(fakes) if good else [None, None, None]
    queue = queue or SynchronousDeliveryQueue()
    wired = attrs.evolve(notify, queue=queue,
                         sms_providers=[*front, *([tail[0]] if good else [])],
                         email_providers=[*front, *([tail[1]] if good else [])],
                         letter_providers=[*front, *([tail[2]] if good else [])])
    for fake in fakes:
        fake.connect(delivery.receipt_sink(wired))
    queue.start(lambda nid: delivery.deliver(wired, nid), sweep=lambda: delivery.sweep_created(wired))
    return Rig(make_world(wired, clock), fakes)


def send(world: World, kind: str, n: int = 0) -> str:
    bodies = {
        "sms": ("/v2/notifications/sms", {"phone_number": "07700900123", "template_id": str(world.sms.id)}),
        "email": ("/v2/notifications/email", {"email_address": f"person{n}@example.com",
                                              "template_id": str(world.email.id)}),
        "letter": ("/v2/notifications/letter", {"template_id": str(world.letter.id),
                                                "personalisation": {**ADDRESS}}),
    }
    path, body = bodies[kind]
    body = {**body, "personalisation": {"name": "Ada", **body.get("personalisation", {})}}
    result = world.client().post(path, json=body)
    assert result.status_code == 201, result.text
    return str(result.json["id"])


@pytest.mark.parametrize("kind", ["sms", "email", "letter"])
def test_a_provider_that_times_out_fails_over_to_the_next_and_the_notification_is_delivered(
        notify: Notify, clock: FrozenClock, kind: str) -> None:
    slow = timing_out()
    rig_ = rig(notify, clock, [slow])
    nid = send(rig_.world, kind)
    assert slow.calls == 1
    status, sent_by = rig_.status(nid)
    assert status is NotificationStatus.SENDING
    assert sent_by == f"fake-{kind}"
    rig_.flush()
    assert rig_.status(nid)[0] in FINAL


@pytest.mark.parametrize("answer", GARBAGE, ids=lambda a: type(a).__name__)
def test_a_provider_answering_garbage_fails_over_to_the_next(notify: Notify, clock: FrozenClock,
                                                            answer: Any) -> None:
    bad = garbage(answer)
    rig_ = rig(notify, clock, [bad])
    nid = send(rig_.world, "sms")
    assert bad.calls == 1
    assert rig_.status(nid) == (NotificationStatus.SENDING, "fake-sms")
    rig_.flush()
    assert rig_.status(nid)[0] is NotificationStatus.DELIVERED


@pytest.mark.parametrize("queue_kind", ["synchronous", "in-process"])
def test_when_every_provider_times_out_or_answers_garbage_the_notification_ends_in_technical_failure(
        notify: Notify, clock: FrozenClock, queue_kind: str) -> None:
    """On both queues: the synchronous one delivers one by one, the in-process one in batches. Each attempt
    tries every provider; after the policy's last attempt the notification is a technical failure."""
    queue = SynchronousDeliveryQueue() if queue_kind == "synchronous" else InProcessDeliveryQueue(
        workers=2, sweep_interval=3600)
    faulty = [timing_out("a"), garbage(None, "b"), garbage(ValueError("garbled"), "c")]
    policy = RetryPolicy(attempts=3, first_delay=0.01, max_delay=0.02)
    rig_ = rig(attrs.evolve(notify, retry_policy=policy), clock, faulty, queue=queue, good=False)
    try:
        ids = [send(rig_.world, kind) for kind in ("sms", "email", "letter")]
        deadline = time.monotonic() + 30
        while any(rig_.status(nid)[0] is not NotificationStatus.TECHNICAL_FAILURE for nid in ids):
            assert time.monotonic() < deadline, [rig_.status(nid) for nid in ids]
            if isinstance(queue, SynchronousDeliveryQueue):
                queue.run_delayed()
            time.sleep(0.01)
    finally:
        queue.stop()
    assert all(provider.calls == 3 * len(ids) for provider in faulty)  # every provider, every attempt


def test_flaky_providers_under_concurrent_delivery_leave_every_notification_final_and_none_sending(
        notify: Notify, clock: FrozenClock) -> None:
    """The production queue (worker threads, where an escaping exception used to strand a notification in
    `sending`), two flaky providers in front of a good one, 120 notifications across the channels."""
    rng = random.Random(7)
    choices = [TimeoutError("read timed out"), None, "<html>502 Bad Gateway</html>", ValueError("bad json"),
               FaultyProvider.PASS]
    answers = [rng.choice(choices) for _ in range(1000)]
    queue = InProcessDeliveryQueue(workers=4, sweep_interval=3600)
    first = FaultyProvider("flaky-1", lambda n: answers[n % len(answers)])
    second = FaultyProvider("flaky-2", lambda n: answers[(n * 7 + 3) % len(answers)])
    rig_ = rig(notify, clock, [first, second], queue=queue)
    for flaky in (first, second):  # PASS: the flaky one gets through this time (its receipt comes as usual)
        flaky.good = dict(zip(("send_sms", "send_email", "send_letter"), rig_.good, strict=True))
    try:
        kinds = ["sms", "email", "letter"]
        ids = [send(rig_.world, kinds[n % 3], n) for n in range(120)]
        assert queue.join(timeout=60), "deliveries did not finish"
    finally:
        queue.stop()
    rig_.flush()
    statuses = Counter(rig_.status(nid)[0] for nid in ids)
    faults = first.calls + second.calls
    print(f"\nprovider faults: {faults} calls to flaky providers over {len(ids)} notifications; "
          f"final statuses: {dict(statuses)}")
    assert set(statuses) <= FINAL, statuses
    assert statuses[NotificationStatus.SENDING] == 0 and statuses[NotificationStatus.CREATED] == 0


def test_a_provider_receipt_object_still_counts_as_a_receipt(notify: Notify, clock: FrozenClock) -> None:
    """The guard against garbage accepts what the port promises: a ProviderReceipt, from any provider."""
    own = garbage(ProviderReceipt(provider="own", reference="own-1"), name="own")
    rig_ = rig(notify, clock, [own])
    nid = send(rig_.world, "sms")
    assert rig_.status(nid) == (NotificationStatus.SENDING, "own")
