"""One-click unsubscribe: the answer to a mail client, and the service's statistics, reports and downloads."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.notification_report import london_time
from notify.domain.unsubscribe import UnbatchedSummary, UnsubscribeRequestReport, UnsubscribeStatistics
from notify.usecases.unsubscribe import ReportRow

from .fields import optional, required


@define(kw_only=True)
class UnsubscribedOut:
    result: str = "success"
    message: str = "Unsubscribe successful"


@define(kw_only=True)
class StatisticsOut:
    """`{}` for a service that has never had a request."""

    unsubscribe_requests_count: int | None = optional(omit_if_none=True)
    datetime_of_latest_unsubscribe_request: datetime | None = optional(omit_if_none=True)

    @classmethod
    def of(cls, found: UnsubscribeStatistics | None) -> StatisticsOut:
        return cls() if found is None else cls(unsubscribe_requests_count=found.waiting,
                                               datetime_of_latest_unsubscribe_request=found.latest)


@define(kw_only=True)
class ReportSummaryOut:
    batch_id: UUID | None  # None: the requests in no report yet
    count: int
    created_at: datetime | None
    earliest_timestamp: datetime
    latest_timestamp: datetime
    processed_by_service_at: datetime | None
    is_a_batched_report: bool
    will_be_archived_at: datetime
    service_id: UUID

    @classmethod
    def of(cls, report: UnsubscribeRequestReport) -> ReportSummaryOut:
        return cls(batch_id=report.id, count=report.count, created_at=report.created_at,
                   earliest_timestamp=report.earliest_timestamp, latest_timestamp=report.latest_timestamp,
                   processed_by_service_at=report.processed_by_service_at, is_a_batched_report=True,
                   will_be_archived_at=report.will_be_archived_at, service_id=report.service_id)

    @classmethod
    def unbatched(cls, summary: UnbatchedSummary) -> ReportSummaryOut:
        return cls(batch_id=None, count=summary.count, created_at=None, earliest_timestamp=summary.earliest_timestamp,
                   latest_timestamp=summary.latest_timestamp, processed_by_service_at=None,
                   is_a_batched_report=False, will_be_archived_at=summary.will_be_archived_at,
                   service_id=summary.service_id)


@define(kw_only=True)
class CreateReport:
    count: int = required(minimum=0)
    earliest_timestamp: datetime = required()
    latest_timestamp: datetime = required()


@define(kw_only=True)
class ReportCreatedOut:
    report_id: UUID


@define(kw_only=True)
class ProcessReport:
    report_has_been_processed: bool = required()


@define(kw_only=True)
class ReportRowOut:
    """Times in London, as the service's spreadsheet shows them."""

    email_address: str
    template_name: str
    original_file_name: str
    template_sent_at: str | None
    unsubscribe_request_received_at: str

    @classmethod
    def of(cls, row: ReportRow) -> ReportRowOut:
        return cls(email_address=row.email_address, template_name=row.template_name,
                   original_file_name=row.original_file_name,
                   template_sent_at=london_time(row.template_sent_at) if row.template_sent_at else None,
                   unsubscribe_request_received_at=london_time(row.unsubscribe_request_received_at))


@define(kw_only=True)
class ReportOut:
    batch_id: UUID
    earliest_timestamp: datetime
    latest_timestamp: datetime
    unsubscribe_requests: list[ReportRowOut]
