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
