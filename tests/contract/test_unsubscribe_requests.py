"""Unsubscribe requests and their reports, on every store: newest first, put in a report by time range,
counted while they wait for their service, and scoped to it."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain.unsubscribe import (
    UnsubscribeRequest,
    UnsubscribeRequestReport,
    UnsubscribeRequestReportNotFound,
    UnsubscribeStatistics,
)

from .helpers import NewUow, add_service, later


def request(service_id: UUID, minutes: float, **kw: Any) -> UnsubscribeRequest:
    values: dict[str, Any] = {"id": uuid4(), "notification_id": uuid4(), "service_id": service_id,
                              "template_id": uuid4(), "template_version": 1, "email_address": "a@example.com",
                              "created_at": later(minutes=minutes)}
    return UnsubscribeRequest(**{**values, **kw})


def report(service_id: UUID, earliest: float = 0, latest: float = 60, **kw: Any) -> UnsubscribeRequestReport:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "count": 1,
                              "earliest_timestamp": later(minutes=earliest), "latest_timestamp": later(minutes=latest),
                              "created_at": later(hours=2)}
    return UnsubscribeRequestReport(**{**values, **kw})


def store(new_uow: NewUow, *rows: UnsubscribeRequest | UnsubscribeRequestReport) -> None:
    with new_uow() as uow:
        for row in rows:
            if isinstance(row, UnsubscribeRequest):
                uow.unsubscribe_requests.add(row)
            else:
                uow.unsubscribe_request_reports.add(row)
        uow.commit()


def test_requests_are_listed_newest_first_per_service_and_found_by_notification(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    first, second, theirs = request(service.id, 1), request(service.id, 2), request(other.id, 3)
    again = request(service.id, 4, notification_id=first.notification_id)
    store(new_uow, first, second, theirs, again)
    with new_uow() as uow:
        assert uow.unsubscribe_requests.unbatched(service.id) == [again, second, first]
        assert uow.unsubscribe_requests.latest_for_notification(first.notification_id) == again
        assert uow.unsubscribe_requests.latest_for_notification(uuid4()) is None


def test_a_report_takes_the_unreported_requests_in_its_time_range(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    early, inside, edge, late = (request(service.id, m) for m in (1, 10, 20, 30))
    theirs = request(other.id, 10)
    batch = report(service.id, earliest=10, latest=20)
    store(new_uow, early, inside, edge, late, theirs, batch)
    with new_uow() as uow:
        assert uow.unsubscribe_requests.assign_to_report(service.id, batch.id, earliest=batch.earliest_timestamp,
                                                         latest=batch.latest_timestamp) == 2
        uow.commit()
    with new_uow() as uow:
        repo = uow.unsubscribe_requests
        assert [r.id for r in repo.in_report(service.id, batch.id)] == [edge.id, inside.id]
        assert [r.id for r in repo.unbatched(service.id)] == [late.id, early.id]
        assert repo.in_report(other.id, batch.id) == []
        assert repo.unbatched(other.id) == [theirs]
        assert uow.unsubscribe_request_reports.list_with_requests(service.id) == [batch]
        assert uow.unsubscribe_request_reports.list_with_requests(other.id) == []


def test_statistics_count_what_waits_for_the_service(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    with new_uow() as uow:
        assert uow.unsubscribe_requests.statistics(service.id) == UnsubscribeStatistics(0, None)
    batch = report(service.id, earliest=0, latest=5)
    store(new_uow, request(service.id, 1), request(service.id, 2), request(service.id, 9), batch)
    with new_uow() as uow:
        uow.unsubscribe_requests.assign_to_report(service.id, batch.id, earliest=batch.earliest_timestamp,
                                                  latest=batch.latest_timestamp)
        uow.commit()
    with new_uow() as uow:
        assert uow.unsubscribe_requests.statistics(service.id) == UnsubscribeStatistics(3, later(minutes=9))
        uow.unsubscribe_request_reports.update(batch.marked(processed=True, now=later(hours=3)))
        uow.commit()
    with new_uow() as uow:
        assert uow.unsubscribe_requests.statistics(service.id) == UnsubscribeStatistics(1, later(minutes=9))


def test_reports_are_read_only_by_their_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    batch = report(service.id)
    store(new_uow, batch)
    with new_uow() as uow:
        assert uow.unsubscribe_request_reports.get(service.id, batch.id) == batch
        assert uow.unsubscribe_request_reports.find(batch.id) == batch
        assert uow.unsubscribe_request_reports.find(uuid4()) is None
        with pytest.raises(UnsubscribeRequestReportNotFound):
            uow.unsubscribe_request_reports.get(other.id, batch.id)
        processed = batch.marked(processed=True, now=later(hours=3))
        uow.unsubscribe_request_reports.update(processed)
        uow.commit()
    with new_uow() as uow:
        assert uow.unsubscribe_request_reports.get(service.id, batch.id).processed_by_service_at == later(hours=3)


def test_archived_requests_are_removed_from_every_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    old_report, new_report = report(service.id, created_at=later(days=1)), report(service.id, created_at=later(days=5))
    in_old, in_new = request(service.id, 1), request(service.id, 2)
    stale, fresh, theirs = request(service.id, 3), request(service.id, 60 * 24 * 4), request(other.id, 4)
    store(new_uow, old_report, new_report, in_old, in_new, stale, fresh, theirs)
    with new_uow() as uow:
        uow.unsubscribe_requests.assign_to_report(service.id, old_report.id, earliest=later(minutes=1),
                                                  latest=later(minutes=1))
        uow.unsubscribe_requests.assign_to_report(service.id, new_report.id, earliest=later(minutes=2),
                                                  latest=later(minutes=2))
        uow.commit()
    with new_uow() as uow:
        assert uow.unsubscribe_requests.remove_archived(reports_made_before=later(days=3),
                                                        unreported_made_before=later(days=2)) == 3
        uow.commit()
    with new_uow() as uow:
        assert [r.id for r in uow.unsubscribe_requests.unbatched(service.id)] == [fresh.id]
        assert uow.unsubscribe_requests.unbatched(other.id) == []
        assert [r.id for r in uow.unsubscribe_requests.in_report(service.id, new_report.id)] == [in_new.id]
        assert uow.unsubscribe_request_reports.list_with_requests(service.id) == [new_report]
