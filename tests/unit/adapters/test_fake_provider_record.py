"""The fake providers' idempotency record shared by processes (NOTIFY_FAKE_PROVIDER_LOG): one whole record
per notification id, whichever instance (process) hands it over first."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

from notify.adapters.providers.fake import FakeEmailProvider, FakeSmsProvider
from notify.domain.constants import NotificationStatus


def test_two_instances_sharing_a_record_accept_an_id_once_and_leave_only_whole_records(tmp_path: Path) -> None:
    first = FakeSmsProvider(receipt_delay=None, log_dir=str(tmp_path))
    second = FakeSmsProvider(receipt_delay=None, log_dir=str(tmp_path))  # another process's instance
    nid = uuid4()
    taken = first.send_sms(to="447700900123", content="Hi", reference=nid, sender=None)
    again = second.send_sms(to="447700900123", content="Hi", reference=nid, sender=None)
    assert again.reference == taken.reference
    assert (len(first.sent), len(second.sent), second.duplicates) == (1, 0, 1)
    records = list((tmp_path / "accepted").iterdir())
    assert [r.name for r in records] == [str(nid)] and records[0].read_text().split()[2] == taken.reference
    assert list((tmp_path / "accepting").iterdir()) == []  # no draft left behind


def test_another_instance_answers_for_a_message_from_the_shared_record_once_its_receipt_is_due(
        tmp_path: Path) -> None:
    taker = FakeSmsProvider(receipt_delay=None, log_dir=str(tmp_path))
    taker.script["447700900456"] = NotificationStatus.PERMANENT_FAILURE
    delivered, failed = uuid4(), uuid4()
    taker.send_sms(to="447700900123", content="Hi", reference=delivered, sender=None)
    taker.send_sms(to="447700900456", content="Hi", reference=failed, sender=None)
    later = FakeSmsProvider(receipt_delay=None, log_dir=str(tmp_path))  # the process started after a crash
    assert later.delivery_status(notification_id=delivered, reference=None) is NotificationStatus.DELIVERED
    assert later.delivery_status(notification_id=failed, reference=None) is NotificationStatus.PERMANENT_FAILURE
    assert later.delivery_status(notification_id=uuid4(), reference=None) is None  # never taken
    other = FakeEmailProvider(receipt_delay=None, log_dir=str(tmp_path))
    assert other.delivery_status(notification_id=delivered, reference=None) is None  # taken by another provider


def test_a_provider_does_not_answer_before_the_receipt_is_due() -> None:
    provider = FakeSmsProvider(receipt_delay=3600)
    nid = uuid4()
    provider.send_sms(to="447700900123", content="Hi", reference=nid, sender=None)
    assert provider.delivery_status(notification_id=nid, reference=None) is None
    prompt = FakeSmsProvider(receipt_delay=0)
    prompt.send_sms(to="447700900123", content="Hi", reference=nid, sender=None)
    assert prompt.delivery_status(notification_id=nid, reference=None) is NotificationStatus.DELIVERED
