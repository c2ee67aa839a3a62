"""The fake providers' idempotency record shared by processes (NOTIFY_FAKE_PROVIDER_LOG): one whole record
per notification id, whichever instance (process) hands it over first."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

from notify.adapters.providers.fake import FakeSmsProvider


def test_two_instances_sharing_a_record_accept_an_id_once_and_leave_only_whole_records(tmp_path: Path) -> None:
    first = FakeSmsProvider(receipt_delay=None, log_dir=str(tmp_path))
    second = FakeSmsProvider(receipt_delay=None, log_dir=str(tmp_path))  # another process's instance
    nid = uuid4()
    taken = first.send_sms(to="447700900123", content="Hi", reference=nid, sender=None)
    again = second.send_sms(to="447700900123", content="Hi", reference=nid, sender=None)
    assert again.reference == taken.reference
    assert (len(first.sent), len(second.sent), second.duplicates) == (1, 0, 1)
    records = list((tmp_path / "accepted").iterdir())
    assert [r.name for r in records] == [str(nid)] and records[0].read_text().split()[-1] == taken.reference
    assert list((tmp_path / "accepting").iterdir()) == []  # no draft left behind
