"""How long a notification may wait for its delivery receipt."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import attrs

from notify.domain.constants import NotificationStatus as S, NotificationType
from notify.domain.overdue import ReceiptDeadlines

from ... import factories

DEADLINES = ReceiptDeadlines(ask_after=timedelta(minutes=10), give_up_after=timedelta(hours=72))


def test_sms_and_email_awaiting_a_receipt_for_72_hours_become_temporary_failures() -> None:
    sms = factories.notification(uuid4(), status=S.SENDING)
    email = attrs.evolve(sms, notification_type=NotificationType.EMAIL, status=S.PENDING)
    later = sms.created_at + timedelta(hours=72, seconds=1)
    assert DEADLINES.timed_out(sms, later) is S.TEMPORARY_FAILURE
    assert DEADLINES.timed_out(email, later) is S.TEMPORARY_FAILURE
    assert DEADLINES.timed_out(sms, sms.created_at + timedelta(hours=71)) is None


def test_letters_and_settled_notifications_never_time_out() -> None:
    sms = factories.notification(uuid4(), status=S.SENDING)
    much_later = sms.created_at + timedelta(days=30)
    assert DEADLINES.timed_out(attrs.evolve(sms, notification_type=NotificationType.LETTER), much_later) is None
    for status in (S.CREATED, S.SENT, S.DELIVERED, S.PERMANENT_FAILURE):
        assert DEADLINES.timed_out(attrs.evolve(sms, status=status), much_later) is None


def test_the_provider_is_worth_asking_once_the_wait_is_over() -> None:
    sms = factories.notification(uuid4(), status=S.SENDING)
    assert not DEADLINES.worth_asking(sms, sms.created_at + timedelta(minutes=9))
    assert DEADLINES.worth_asking(sms, sms.created_at + timedelta(minutes=11))
    assert not DEADLINES.worth_asking(attrs.evolve(sms, status=S.DELIVERED), sms.created_at + timedelta(days=1))
