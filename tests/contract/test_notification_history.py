"""Notification history: the purge's move (oldest first, in batches, without recipient or content, test keys
deleted, in-flight letters kept, other services and channels untouched) and the counts asked of history."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from uuid import uuid4

import attrs
import pytest

from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.notification import Notification
from notify.domain.notification_history import LETTERS_IN_FLIGHT, Expiry, NotificationHistory
from notify.domain.statistics import Period, StatusCount, TemplateCount
from tests import factories, storage

from .helpers import NewUow, add_service, later

SMS = NotificationType.SMS


def _add(new_uow: NewUow, *notifications: Notification) -> None:
    with new_uow() as uow:
        uow.notifications.add_many(notifications)
        uow.commit()


def _sent(service_id: Any, hours: float, **kw: Any) -> Notification:
    values: dict[str, Any] = {"created_at": later(hours=hours), "status": NotificationStatus.DELIVERED,
                              "personalisation": {"name": "Ada"}, "client_reference": f"ref-{hours}",
                              "reference": "provider-ref", "sent_by": "fake-sms", "sent_at": later(hours=hours),
                              "billable_units": 2, "job_row_number": None}
    return factories.notification(service_id, **{**values, **kw})


def _move(new_uow: NewUow, expiry: Expiry, limit: int = 100) -> list[Any]:
    with new_uow() as uow:
        moved = list(uow.notification_history.move_expired(expiry, limit=limit))
        uow.commit()
    return moved


def test_expired_notifications_move_to_history_without_recipient_or_content(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    old, older = _sent(service.id, 1), _sent(service.id, 0)
    young = _sent(service.id, 10)
    email = _sent(service.id, 0, notification_type=NotificationType.EMAIL, to="a@example.gov.uk")
    theirs = _sent(other.id, 0)
    _add(new_uow, old, older, young, email, theirs)

    moved = _move(new_uow, Expiry(service.id, SMS, later(hours=5)))

    assert moved == [older.id, old.id]  # oldest first
    with new_uow() as uow:
        assert uow.notifications.find_many([old.id, older.id]) == []
        assert {n.id for n in uow.notifications.find_many([young.id, email.id, theirs.id])} == \
            {young.id, email.id, theirs.id}
        kept = uow.notification_history.find(old.id)
        assert kept == NotificationHistory.of(old)
        assert kept is not None and kept.client_reference == "ref-1" and kept.billable_units == 2
        assert not {"to", "normalised_to", "personalisation", "reply_to_text"} & set(attrs.asdict(kept))
        assert uow.notification_history.find(young.id) is None
        assert uow.notification_history.find(theirs.id) is None


def test_batches_take_the_oldest_and_a_second_run_finds_nothing(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    rows = [_sent(service.id, h) for h in (3, 1, 2)]
    _add(new_uow, *rows)
    expiry = Expiry(service.id, SMS, later(hours=5))

    assert _move(new_uow, expiry, limit=2) == [rows[1].id, rows[2].id]
    assert _move(new_uow, expiry, limit=2) == [rows[0].id]
    assert _move(new_uow, expiry, limit=2) == []
    with new_uow() as uow:
        assert all(uow.notification_history.find(n.id) == NotificationHistory.of(n) for n in rows)


def test_test_key_notifications_are_deleted_not_kept(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    test = _sent(service.id, 0, key_type=KeyType.TEST)
    team = _sent(service.id, 1, key_type=KeyType.TEAM)
    _add(new_uow, test, team)

    assert _move(new_uow, Expiry(service.id, SMS, later(hours=5))) == [test.id, team.id]
    with new_uow() as uow:
        assert uow.notifications.find_many([test.id, team.id]) == []
        assert uow.notification_history.find(test.id) is None
        assert uow.notification_history.find(team.id) == NotificationHistory.of(team)


def test_statuses_the_expiry_keeps_stay(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    letter = dict(notification_type=NotificationType.LETTER, to="Ada\n1 Street\nSW1A 1AA")
    printing = _sent(service.id, 0, status=NotificationStatus.SENDING, **letter)
    done = _sent(service.id, 1, **letter)
    _add(new_uow, printing, done)

    assert _move(new_uow, Expiry(service.id, NotificationType.LETTER, later(hours=5), LETTERS_IN_FLIGHT)) == [done.id]
    with new_uow() as uow:
        assert [n.id for n in uow.notifications.find_many([printing.id, done.id])] == [printing.id]


def test_a_notification_already_in_history_is_left_as_it_is(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    first = _sent(service.id, 0)
    _add(new_uow, first)
    expiry = Expiry(service.id, SMS, later(hours=5))
    _move(new_uow, expiry)
    again = attrs.evolve(first, status=NotificationStatus.PERMANENT_FAILURE)  # stored again under the same id
    _add(new_uow, again)

    assert _move(new_uow, expiry) == [first.id]
    with new_uow() as uow:
        assert uow.notifications.find(first.id) is None
        assert uow.notification_history.find(first.id) == NotificationHistory.of(first)


def test_history_counts_by_status_template_and_job(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    job_id, template_id = uuid4(), uuid4()
    rows = [_sent(service.id, 0, job_id=job_id, job_row_number=0, template_id=template_id),
            _sent(service.id, 1, job_id=job_id, job_row_number=1, template_id=template_id,
                  status=NotificationStatus.PERMANENT_FAILURE),
            _sent(service.id, 2, template_id=template_id, key_type=KeyType.TEAM)]
    _add(new_uow, *rows)
    _move(new_uow, Expiry(service.id, SMS, later(hours=5)))
    period = Period("day", later(hours=-1), later(hours=24))

    with new_uow() as uow:
        h = uow.notification_history
        assert sorted(h.status_counts([period], service_ids=[service.id]), key=lambda c: c.status) == [
            StatusCount(service.id, "day", SMS, NotificationStatus.DELIVERED, 2),
            StatusCount(service.id, "day", SMS, NotificationStatus.PERMANENT_FAILURE, 1)]
        assert h.template_counts(service.id, [period]) == [TemplateCount("day", template_id, 3)]
        assert h.counts_for_jobs([job_id]) == {job_id: {NotificationStatus.DELIVERED: 1,
                                                        NotificationStatus.PERMANENT_FAILURE: 1}}


@pytest.mark.postgres
def test_two_purges_at_once_share_the_rows_and_neither_waits() -> None:
    pg_uow: Callable[[], Any] = storage.new_uow_factory("postgres")
    service = add_service(pg_uow)
    rows = [_sent(service.id, h) for h in range(6)]
    _add(pg_uow, *rows)
    expiry = Expiry(service.id, SMS, later(hours=10))
    first_holds, second_done = threading.Event(), threading.Event()
    taken: dict[str, Any] = {}

    def first() -> None:
        with pg_uow() as uow:
            taken["first"] = list(uow.notification_history.move_expired(expiry, limit=4))
            first_holds.set()
            taken["second ran meanwhile"] = second_done.wait(10)  # still holding its rows
            uow.commit()

    thread = threading.Thread(target=first)
    thread.start()
    assert first_holds.wait(10)
    taken["second"] = _move(pg_uow, expiry)
    second_done.set()
    thread.join(10)

    assert taken["second ran meanwhile"]
    assert taken["first"] == [n.id for n in rows[:4]]
    assert taken["second"] == [n.id for n in rows[4:]]
    with pg_uow() as uow:
        assert uow.notifications.find_many([n.id for n in rows]) == []
        assert all(uow.notification_history.find(n.id) is not None for n in rows)
