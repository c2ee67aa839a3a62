"""The fake providers report receipts on two threads, as a busy provider's callbacks arrive on several
connections: a slow receipt sink does not hold every later receipt up, and what falls due while both
reporters are busy is reported together once one is free."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from uuid import uuid4

from notify.adapters.providers.fake import FakeSmsProvider
from notify.ports.providers import DeliveryReceipt


def test_a_slow_sink_gets_two_batches_at_once_and_later_receipts_wait_for_a_free_reporter() -> None:
    sms = FakeSmsProvider(receipt_delay=0.01)
    release = threading.Event()
    calls: list[list[DeliveryReceipt]] = []
    lock = threading.Lock()

    def sink(receipts: Sequence[DeliveryReceipt]) -> None:
        with lock:
            calls.append(list(receipts))
            n = len(calls)
        if n <= 2:
            release.wait(5)

    def until(count: int) -> bool:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with lock:
                if len(calls) >= count:
                    return True
            time.sleep(0.01)
        return False

    sms.connect(sink)
    sms.send_sms(to="07700900101", content="one", reference=uuid4(), sender=None)
    assert until(1)
    time.sleep(0.15)  # past the batch window: the next receipt is a batch of its own
    sms.send_sms(to="07700900102", content="two", reference=uuid4(), sender=None)
    assert until(2)  # reported while the first report is still in the sink
    later = [uuid4() for _ in range(3)]
    for reference in later:
        sms.send_sms(to="07700900103", content="later", reference=reference, sender=None)
    time.sleep(0.2)
    with lock:
        assert len(calls) == 2  # both reporters busy: nothing more taken
    release.set()
    assert until(3)
    time.sleep(0.1)
    with lock:
        assert [len(batch) for batch in calls] == [1, 1, 3]
        assert [r.notification_id for r in calls[2]] == later
