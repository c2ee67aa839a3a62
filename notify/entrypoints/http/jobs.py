"""Admin API: /service/{id}/job (Notify's job endpoints) and /service/{id}/job/upload (our stand-in for the
admin app's S3 upload: the spreadsheet, checked, kept in the upload store under the id the job will take)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import jobs as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.jobs import (
    CreateJob, JobList, JobOut, JobsQuery, NotificationCount, PageLinks, UploadOut, UploadSpreadsheet,
)


class JobResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/job/upload
    @operation(body=UploadSpreadsheet, response=UploadOut, key="data", status=201)
    def on_post_upload(self, req: falcon.Request, service_id: UUID, body: UploadSpreadsheet) -> UploadOut:
        """A spreadsheet of recipients, checked against the template and kept for the job."""
        return UploadOut.of(usecases.upload_spreadsheet(
            self._notify, service_id, template_id=body.template_id, original_file_name=body.original_file_name,
            data=body.csv))

    # /service/{service_id}/job
    @operation(body=CreateJob, response=JobOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateJob) -> JobOut:
        """A job from an upload: sent now, or at `scheduled_for`."""
        return JobOut.of(usecases.create_job(self._notify, service_id, job_id=body.id, created_by=body.created_by,
                                             scheduled_for=body.scheduled_for), statistics=[])

    @operation(query=JobsQuery, response=JobList)
    def on_get(self, req: falcon.Request, service_id: UUID, query: JobsQuery) -> JobList:
        """The service's jobs, newest first, a page at a time."""
        page = query.page
        result = usecases.list_jobs(self._notify, service_id, statuses=query.job_statuses(),
                                    limit_days=query.limit_days, page=page)
        links = PageLinks.numbered(f"/service/{service_id}/job", page, result.page_size, result.total)
        return JobList(data=[JobOut.with_statistics(v) for v in result.jobs], page_size=result.page_size,
                       total=result.total, links=links)

    # /service/{service_id}/job/{job_id}
    @operation(response=JobOut, key="data")
    def on_get_item(self, req: falcon.Request, service_id: UUID, job_id: UUID) -> JobOut:
        """One job, with its notifications counted by status."""
        return JobOut.with_statistics(usecases.get_job(self._notify, service_id, job_id))

    # /service/{service_id}/job/{job_id}/cancel
    @operation(response=JobOut, key="data")
    def on_post_cancel(self, req: falcon.Request, service_id: UUID, job_id: UUID) -> JobOut:
        """Cancel a scheduled job."""
        return JobOut.of(usecases.cancel_job(self._notify, service_id, job_id))

    # /service/{service_id}/job/{job_id}/cancel-letter-job
    @operation(response=int)
    def on_post_cancel_letters(self, req: falcon.Request, service_id: UUID, job_id: UUID) -> int:
        """Cancel a spreadsheet of letters not yet printed: how many were cancelled (a bare number, as Notify)."""
        return usecases.cancel_letter_job(self._notify, service_id, job_id)

    # /service/{service_id}/job/{job_id}/notification_count
    @operation(response=NotificationCount)
    def on_get_count(self, req: falcon.Request, service_id: UUID, job_id: UUID) -> NotificationCount:
        """How many notifications the job has made."""
        return NotificationCount(count=sum(usecases.get_job(self._notify, service_id, job_id).counts.values()))
