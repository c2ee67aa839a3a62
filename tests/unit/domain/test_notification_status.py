"""The notification decides every move of its status; adapters only persist a move with a compare-and-set."""

from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain.constants import COMPLETED_STATUSES, UPDATABLE_STATUSES, NotificationStatus
from notify.domain.errors import InvalidStatusTransition
from notify.domain.notification import Handover, StatusChange, hand_over_sources

from ... import factories
from ...fakes import T0

S = NotificationStatus


def test_only_a_created_notification_is_handed_over_and_a_receipt_that_came_first_is_kept() -> None:
    created = factories.notification(uuid4())
    assert created.mark_sending(provider="mmg", now=T0).status is S.SENDING
    assert hand_over_sources(S.SENDING) == hand_over_sources(S.SENT) == {S.CREATED}
    handover = Handover(created.id, "mmg", None, 1, S.SENT)
    assert handover.status_after(S.CREATED) is S.SENT
    assert handover.status_after(S.PENDING) is S.PENDING
    assert handover.status_after(S.DELIVERED) is S.DELIVERED
    with pytest.raises(InvalidStatusTransition):
        created.mark_sending(provider="mmg", now=T0).mark_sending(provider="mmg", now=T0)
    with pytest.raises(ValueError):
        Handover(created.id, "mmg", None, 1, S.DELIVERED)


def test_an_international_text_message_is_sent_on_hand_over() -> None:
    assert factories.notification(uuid4(), international=True).hand_over_status is S.SENT
    assert factories.notification(uuid4()).hand_over_status is S.SENDING


@pytest.mark.parametrize("status", sorted(COMPLETED_STATUSES - UPDATABLE_STATUSES))
def test_a_completed_notification_never_moves_again(status: NotificationStatus) -> None:
    done = factories.notification(uuid4(), status=status)
    assert done.receipt(S.DELIVERED, now=T0) is None
    with pytest.raises(InvalidStatusTransition):
        done.change(S.TECHNICAL_FAILURE)
    with pytest.raises(InvalidStatusTransition):
        done.with_status(S.DELIVERED, now=T0)


def test_nothing_moves_back_to_created_or_to_where_it_is() -> None:
    for status in UPDATABLE_STATUSES:
        with pytest.raises(InvalidStatusTransition):
            StatusChange(uuid4(), status, S.CREATED)
        with pytest.raises(InvalidStatusTransition):
            StatusChange(uuid4(), status, status)


def test_a_receipt_or_a_failure_moves_a_notification_in_flight() -> None:
    sending = factories.notification(uuid4(), status=S.SENDING)
    assert sending.change(S.DELIVERED) == StatusChange(sending.id, S.SENDING, S.DELIVERED)
    assert factories.notification(uuid4()).change(S.TECHNICAL_FAILURE).expected is S.CREATED
    assert sending.receipt(S.PERMANENT_FAILURE, now=T0) is not None
