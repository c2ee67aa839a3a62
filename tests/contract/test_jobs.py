from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain import errors
from notify.domain.constants import JobStatus

from .helpers import NewUow, add_service, job, later


def test_job_round_trips_and_updates(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    j = job(service.id, scheduled_for=later(days=1), created_by=service.created_by, sender_id=uuid4())
    with new_uow() as uow:
        uow.jobs.add(j)
        uow.commit()
    started = j.changed(now=later(hours=1), job_status=JobStatus.IN_PROGRESS, processing_started=later(hours=1),
                        notifications_sent=2)
    with new_uow() as uow:
        assert uow.jobs.get(service.id, j.id) == j
        uow.jobs.update(started)
        uow.commit()
    with new_uow() as uow:
        assert uow.jobs.get(service.id, j.id) == started


def test_job_errors(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    j = job(service.id)
    with new_uow() as uow:
        uow.jobs.add(j)
        uow.commit()
    with new_uow() as uow:
        with pytest.raises(errors.JobNotFound):
            uow.jobs.get(other.id, j.id)
        with pytest.raises(errors.AlreadyExists):
            uow.jobs.add(j)
        with pytest.raises(errors.JobNotFound):
            uow.jobs.update(job(service.id))


def test_jobs_are_listed_newest_first(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    jobs = [job(service.id, created_at=later(hours=i)) for i in range(3)]
    with new_uow() as uow:
        for j in [*jobs, job(other.id)]:
            uow.jobs.add(j)
        uow.commit()
    with new_uow() as uow:
        assert uow.jobs.list_for_service(service.id) == jobs[::-1]


def test_find_sees_jobs_of_any_service(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    j = job(service.id)
    with new_uow() as uow:
        uow.jobs.add(j)
        uow.commit()
    with new_uow() as uow:
        assert uow.jobs.find(j.id) == j
        assert uow.jobs.find(uuid4()) is None


def test_update_if_unchanged_is_a_compare_and_set_on_status_and_updated_at(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    pending = job(service.id)
    with new_uow() as uow:
        uow.jobs.add(pending)
        uow.commit()
    claimed = pending.changed(now=later(minutes=1), job_status=JobStatus.IN_PROGRESS)
    with new_uow() as uow:
        assert uow.jobs.update_if_unchanged(claimed, previous=pending) is True
        assert uow.jobs.update_if_unchanged(claimed, previous=pending) is False  # someone else's claim
        finished = claimed.changed(now=later(minutes=2), job_status=JobStatus.FINISHED)
        stale = pending.changed(now=later(minutes=1), job_status=JobStatus.IN_PROGRESS, notifications_sent=9)
        assert uow.jobs.update_if_unchanged(finished, previous=stale) is True  # same status and updated_at
        assert uow.jobs.update_if_unchanged(job(service.id), previous=pending) is False  # no such row
        uow.commit()
    with new_uow() as uow:
        assert uow.jobs.get(service.id, pending.id) == finished


def test_list_by_status_filters_and_is_oldest_first(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    due = job(service.id, job_status=JobStatus.SCHEDULED, scheduled_for=later(minutes=5), created_at=later(minutes=-9))
    later_due = job(service.id, job_status=JobStatus.SCHEDULED, scheduled_for=later(hours=2))
    pending_old = job(service.id, created_at=later(minutes=-30))
    pending_new = job(service.id, created_at=later(minutes=1), updated_at=later(minutes=20))
    finished = job(service.id, job_status=JobStatus.FINISHED)
    with new_uow() as uow:
        for j in (due, later_due, pending_old, pending_new, finished):
            uow.jobs.add(j)
        uow.commit()
    with new_uow() as uow:
        by_status = uow.jobs.list_by_status
        assert by_status([JobStatus.SCHEDULED], scheduled_before=later(hours=1)) == [due]
        assert by_status([JobStatus.SCHEDULED, JobStatus.PENDING]) == [pending_old, pending_new, due, later_due]
        assert by_status([JobStatus.PENDING], updated_before=later(minutes=10)) == [pending_old]
        assert by_status([JobStatus.PENDING, JobStatus.SCHEDULED], limit=2) == [pending_old, pending_new]
        assert by_status([]) == []
