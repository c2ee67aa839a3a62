"""Report requests: the body asking for a report and how a request is shown."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from attrs import define

from notify.domain.report_request import NOTIFICATIONS_REPORT, ReportRequest, ReportStatus, StatusFilter

from .fields import optional, required


class ReportType(StrEnum):
    NOTIFICATIONS_REPORT = NOTIFICATIONS_REPORT


class ReportChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"


@define(kw_only=True)
class CreateReportRequest:
    user_id: UUID = required()
    report_type: ReportType = required()
    notification_type: ReportChannel | None = optional()
    notification_status: StatusFilter | None = optional()


@define(kw_only=True)
class ReportParameter:
    notification_type: str
    notification_status: StatusFilter


@define(kw_only=True)
class ReportRequestOut:
    id: UUID
    user_id: UUID
    service_id: UUID
    report_type: str
    status: ReportStatus
    parameter: ReportParameter
    created_at: datetime
    updated_at: datetime | None

    @classmethod
    def of(cls, r: ReportRequest) -> ReportRequestOut:
        return cls(id=r.id, user_id=r.user_id, service_id=r.service_id, report_type=r.report_type, status=r.status,
                   parameter=ReportParameter(notification_type=r.notification_type,
                                             notification_status=r.notification_status),
                   created_at=r.created_at, updated_at=r.updated_at)
