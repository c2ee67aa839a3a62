"""Admin API: /service/{id}/job (Notify's job endpoints) and /service/{id}/job/upload (our stand-in for the
admin app's S3 upload: the spreadsheet, checked, kept in the upload store under the id the job will take)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.constants import JobStatus
from notify.domain.errors import ValidationFailed
from notify.usecases import jobs as usecases
from notify.usecases.app import Notify
from notify.usecases.jobs import JobView

from .schemas.fields import MAX_DAYS
from .wire import body, dump, optional, parse, path_uuid, query_int, required


@define(kw_only=True)
class UploadSpreadsheet:
    template_id: UUID = required()
    original_file_name: str = required(max_length=255, not_blank=True)
    csv: str = required()


@define(kw_only=True)
class CreateJob:
    id: UUID = required()
    created_by: UUID | None = optional()
    scheduled_for: datetime | None = optional()


def job_json(view: JobView) -> dict[str, Any]:
    job = view.job
    return {
        "id": str(job.id),
        "original_file_name": job.original_file_name,
        "notification_count": job.notification_count,
        "template": str(job.template_id),
        "template_version": job.template_version,
        "template_name": view.template.name,
        "template_type": view.template.template_type.value,
        "service": str(job.service_id),
        "service_name": {"name": view.service_name},
        "created_at": dump(job.created_at),
        "updated_at": dump(job.updated_at),
        "created_by": {"id": str(view.created_by.id), "name": view.created_by.name} if view.created_by else None,
        "job_status": job.job_status.value,
        "scheduled_for": dump(job.scheduled_for),
        "processing_started": dump(job.processing_started),
        "processing_finished": dump(job.processing_finished),
        "notifications_sent": view.notifications_sent,
        "notifications_delivered": view.notifications_delivered,
        "notifications_failed": view.notifications_failed,
        "archived": job.archived,
        "contact_list_id": dump(job.contact_list_id),
        "sender_id": dump(job.sender_id),
    }


def statistics_json(view: JobView) -> list[dict[str, Any]]:
    return [{"status": status.value, "count": count} for status, count in view.statistics]


def _statuses(req: falcon.Request) -> list[JobStatus] | None:
    raw = req.get_param("statuses")
    if not raw:
        return None
    try:
        return [JobStatus(s.strip()) for s in raw.split(",") if s.strip()]
    except ValueError:
        raise ValidationFailed({"statuses": ["Not a valid job status."]}) from None


class JobResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/job/upload
    def on_post_upload(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        values = parse(body(req), UploadSpreadsheet)
        upload = usecases.upload_spreadsheet(
            self._notify, path_uuid(service_id, "service_id"), template_id=values["template_id"],
            original_file_name=values["original_file_name"], data=values["csv"])
        resp.status = falcon.HTTP_201
        resp.media = {"data": {"id": str(upload.id), "template_id": str(upload.template_id),
                               "original_file_name": upload.original_file_name,
                               "notification_count": upload.notification_count, "valid": True}}

    # /service/{service_id}/job
    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        values = parse(body(req), CreateJob)
        view = usecases.create_job(self._notify, path_uuid(service_id, "service_id"), job_id=values["id"],
                                   created_by=values.get("created_by"), scheduled_for=values.get("scheduled_for"))
        resp.status = falcon.HTTP_201
        resp.media = {"data": {**job_json(view), "statistics": []}}

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        page = query_int(req, "page", 1, minimum=1) or 1
        result = usecases.list_jobs(self._notify, sid, statuses=_statuses(req),
                                    limit_days=query_int(req, "limit_days", minimum=0, maximum=MAX_DAYS), page=page)
        links: dict[str, str] = {}
        base = f"/service/{sid}/job"
        if page > 1:
            links["prev"] = f"{base}?page={page - 1}"
        if page * result.page_size < result.total:
            links["next"] = f"{base}?page={page + 1}"
            links["last"] = f"{base}?page={-(-result.total // result.page_size)}"
        resp.media = {"data": [{**job_json(v), "statistics": statistics_json(v)} for v in result.jobs],
                      "page_size": result.page_size, "total": result.total, "links": links}

    # /service/{service_id}/job/{job_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, job_id: str) -> None:
        view = usecases.get_job(self._notify, path_uuid(service_id, "service_id"), path_uuid(job_id, "job_id"))
        resp.media = {"data": {**job_json(view), "statistics": statistics_json(view)}}

    # /service/{service_id}/job/{job_id}/cancel
    def on_post_cancel(self, req: falcon.Request, resp: falcon.Response, service_id: str, job_id: str) -> None:
        view = usecases.cancel_job(self._notify, path_uuid(service_id, "service_id"), path_uuid(job_id, "job_id"))
        resp.media = {"data": job_json(view)}

    # /service/{service_id}/job/{job_id}/notification_count
    def on_get_count(self, req: falcon.Request, resp: falcon.Response, service_id: str, job_id: str) -> None:
        view = usecases.get_job(self._notify, path_uuid(service_id, "service_id"), path_uuid(job_id, "job_id"))
        resp.media = {"count": sum(view.counts.values())}
