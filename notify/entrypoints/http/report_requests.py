"""Admin API: /service/{id}/report-request (a CSV of the service's notifications, made in the background)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import report_requests as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.report_requests import CreateReportRequest, ReportRequestOut


class ReportRequestResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/report-request
    @operation(body=CreateReportRequest, response=ReportRequestOut, key="data", status=201, also=(200,))
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateReportRequest) -> ReportRequestOut:
        """Ask for a report (201); the same report still being made for this user is answered instead (200)."""
        request, new = usecases.request_report(
            self._notify, service_id, user_id=body.user_id,
            notification_type=body.notification_type.value if body.notification_type else None,
            notification_status=body.notification_status)
        if not new:
            req.context.status = 200
        return ReportRequestOut.of(request)

    # /service/{service_id}/report-request/{request_id}
    @operation(response=ReportRequestOut, key="data")
    def on_get_item(self, req: falcon.Request, service_id: UUID, request_id: UUID) -> ReportRequestOut:
        """How far the report got (`stored`: its CSV is in the upload store under this id)."""
        return ReportRequestOut.of(usecases.get_report_request(self._notify, service_id, request_id))
