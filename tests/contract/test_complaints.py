"""Complaints: stored once per provider feedback id, listed newest first and counted per service, on every
store."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain import errors
from notify.domain.complaint import Complaint
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def complaint(service_id: UUID, **kw: Any) -> Complaint:
    values: dict[str, Any] = {"id": uuid4(), "notification_id": uuid4(), "service_id": service_id,
                              "ses_feedback_id": f"feedback-{uuid4()}", "complaint_type": "abuse",
                              "complaint_date": T0, "created_at": T0}
    return Complaint(**{**values, **kw})


def _store(new_uow: NewUow, *complaints: Complaint) -> None:
    with new_uow() as uow:
        for c in complaints:
            uow.complaints.add(c)
        uow.commit()


def test_a_complaint_is_stored_and_found_by_its_feedback_id(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    stored = complaint(service.id, complaint_type=None, complaint_date=None)
    _store(new_uow, stored)
    with new_uow() as uow:
        assert uow.complaints.find_by_feedback_id(stored.ses_feedback_id) == stored
        assert uow.complaints.find_by_feedback_id("never-seen") is None


def test_the_same_feedback_id_is_stored_once_and_the_transaction_goes_on(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    first = complaint(service.id)
    _store(new_uow, first)
    other = complaint(service.id)
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.complaints.add(complaint(service.id, ses_feedback_id=first.ses_feedback_id))
        uow.complaints.add(other)
        uow.commit()
    with new_uow() as uow:
        assert [c.id for c in uow.complaints.list_for_service(service.id)] == sorted(
            [first.id, other.id], key=lambda i: (T0, i), reverse=True)


def test_complaints_are_listed_newest_first_and_counted_per_service(new_uow: NewUow) -> None:
    service, other_service = add_service(new_uow), add_service(new_uow)
    old, new = complaint(service.id, created_at=later(days=-10)), complaint(service.id, created_at=later(hours=1))
    elsewhere = complaint(other_service.id)
    _store(new_uow, old, new, elsewhere)
    with new_uow() as uow:
        assert uow.complaints.list_for_service(service.id) == [new, old]
        assert uow.complaints.list_for_service(service.id, limit=1) == [new]
        assert uow.complaints.count_for_service(service.id) == 2
        assert uow.complaints.count_for_service(service.id, created_after=later(days=-7)) == 1
        assert uow.complaints.count_for_service(other_service.id) == 1


def test_an_uncommitted_complaint_is_not_stored(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    lost = complaint(service.id)
    with new_uow() as uow:
        uow.complaints.add(lost)
    with new_uow() as uow:
        assert uow.complaints.find_by_feedback_id(lost.ses_feedback_id) is None


def test_every_service_s_complaints_are_paged_newest_first_and_counted_by_time(new_uow: NewUow) -> None:
    one, two = add_service(new_uow), add_service(new_uow)
    made = [complaint((one if i % 2 else two).id, created_at=later(minutes=i)) for i in range(5)]
    _store(new_uow, *made)
    with new_uow() as uow:
        first, total = uow.complaints.page(page=1, page_size=2)
        second, _ = uow.complaints.page(page=2, page_size=2)
        last, _ = uow.complaints.page(page=3, page_size=2)
        beyond, _ = uow.complaints.page(page=4, page_size=2)
        assert total == 5
        assert [c.id for c in [*first, *second, *last]] == [c.id for c in reversed(made)]
        assert list(beyond) == []
        assert uow.complaints.count_between(later(minutes=1), later(minutes=3)) == 2  # end excluded
        assert uow.complaints.count_between(later(minutes=10), later(minutes=20)) == 0
