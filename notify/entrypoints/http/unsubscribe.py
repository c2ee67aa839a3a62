"""One-click unsubscribe: POST /unsubscribe/{notification id}/{token}, which mail clients call without signing
in (RFC 8058: the link is the credential, any body is ignored), and the service's side under
/service/{id}/…unsubscribe-request…: statistics, reports made, listed, downloaded and marked processed."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import unsubscribe as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.unsubscribe import (
    CreateReport,
    ProcessReport,
    ReportCreatedOut,
    ReportOut,
    ReportRowOut,
    ReportSummaryOut,
    StatisticsOut,
    UnsubscribedOut,
)


class OneClickUnsubscribeResource:
    auth = "none"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /unsubscribe/{notification_id}/{token}
    @operation(response=UnsubscribedOut)
    def on_post(self, req: falcon.Request, notification_id: UUID, token: str) -> UnsubscribedOut:
        """Unsubscribe the address the link was made for from the service's emails: 200 however often it is
        asked; 404 for a link this platform did not make, or made more than a year ago."""
        usecases.unsubscribe(self._notify, notification_id, token)
        return UnsubscribedOut()


class UnsubscribeRequestResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/unsubscribe-request-statistics
    @operation(response=StatisticsOut)
    def on_get_statistics(self, req: falcon.Request, service_id: UUID) -> StatisticsOut:
        """Requests the service has still to deal with, and when the latest came (`{}` when none ever did)."""
        return StatisticsOut.of(usecases.statistics(self._notify, service_id))

    # /service/{service_id}/unsubscribe-request-reports-summary
    @operation(response=list[ReportSummaryOut])
    def on_get_summary(self, req: falcon.Request, service_id: UUID) -> list[ReportSummaryOut]:
        """The requests in no report yet (first, when there are any), then the reports, newest first."""
        found = usecases.reports_summary(self._notify, service_id)
        return ([ReportSummaryOut.unbatched(found.unbatched)] if found.unbatched else []) + \
            [ReportSummaryOut.of(r) for r in found.reports]

    # /service/{service_id}/create-unsubscribe-request-report
    @operation(body=CreateReport, response=ReportCreatedOut, status=201)
    def on_post_create(self, req: falcon.Request, service_id: UUID, body: CreateReport) -> ReportCreatedOut:
        """Put the requests made between the two timestamps (both included) and in no report yet in a new one."""
        report = usecases.create_report(self._notify, service_id, count=body.count,
                                         earliest=body.earliest_timestamp, latest=body.latest_timestamp)
        return ReportCreatedOut(report_id=report.id)

    # /service/{service_id}/process-unsubscribe-request-report/{batch_id}
    @operation(body=ProcessReport, status=204)
    def on_post_process(self, req: falcon.Request, service_id: UUID, batch_id: UUID, body: ProcessReport) -> None:
        """Mark a report processed (its requests stop counting as waiting), or not processed again."""
        usecases.mark_report(self._notify, service_id, batch_id, processed=body.report_has_been_processed)

    # /service/{service_id}/unsubscribe-request-report/{batch_id}
    @operation(response=ReportOut)
    def on_get_report(self, req: falcon.Request, service_id: UUID, batch_id: UUID) -> ReportOut:
        """A report's requests for download: address, template, spreadsheet, when sent and when asked."""
        report, rows = usecases.report_rows(self._notify, service_id, batch_id)
        return ReportOut(batch_id=report.id, earliest_timestamp=report.earliest_timestamp,
                         latest_timestamp=report.latest_timestamp,
                         unsubscribe_requests=[ReportRowOut.of(r) for r in rows])
