"""Scheduled job statistics: how many of a service's jobs wait for their time, and the soonest."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from notify.domain.constants import JobStatus
from notify.domain.job import Job
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


def test_counts_scheduled_jobs_and_shows_the_soonest(admin: AdminClient, notify: Notify,
                                                     clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    template = factories.create_template(notify, service)
    path = f"/service/{service.id}/job/scheduled-job-stats"
    assert admin.get(path).json == {"count": 0, "soonest_scheduled_for": None}
    soon, later = clock.now() + timedelta(hours=2), clock.now() + timedelta(days=2)

    def job(status: JobStatus, at: object) -> Job:
        return Job(id=uuid4(), service_id=service.id, template_id=template.id, template_version=template.version,
                   original_file_name="a.csv", notification_count=1, created_at=clock.now(), job_status=status,
                   scheduled_for=at)  # type: ignore[arg-type]

    with notify.uow() as uow:
        for j in (job(JobStatus.SCHEDULED, later), job(JobStatus.SCHEDULED, soon), job(JobStatus.CANCELLED, soon),
                  job(JobStatus.FINISHED, None)):
            uow.jobs.add(j)
        uow.commit()
    result = admin.get(path)
    assert result.status_code == 200
    assert result.json["count"] == 2
    assert result.json["soonest_scheduled_for"].startswith(soon.strftime("%Y-%m-%dT%H:%M"))
    other = factories.create_service(notify)
    assert admin.get(f"/service/{other.id}/job/scheduled-job-stats").json["count"] == 0
    assert admin.get(f"/service/{uuid4()}/job/scheduled-job-stats").status_code == 404
