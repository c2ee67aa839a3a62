"""Admin API: the platform's statistics and billing reports (/platform-stats, /performance-dashboard,
/service/live-services-data, /service/monthly-data-by-service, /organisations/{id}/services-with-usage)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import falcon

from notify.domain.billing import parse_year
from notify.domain.platform_stats import parse_date
from notify.usecases import platform_stats as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.billing import YearQuery
from .schemas.platform_stats import (
    BillingReportOut, DailyVolumesOut, DashboardOut, DateRangeQuery, DayCountsOut, LettersPrintedOut,
    LiveServiceOut, OrganisationUsageOut, ProcessingTimeOut, ProviderVolumesOut, ServiceUsageOut,
    ServiceUsingNotifyOut, ServiceVolumesOut,
)


def _range(query: DateRangeQuery) -> tuple[date, date]:
    return parse_date(query.start_date), parse_date(query.end_date)


def _optional_range(query: DateRangeQuery) -> tuple[date | None, date | None]:
    """Either date may be left out (today is meant); a given one must be a date."""
    return (None if query.start_date is None else parse_date(query.start_date),
            None if query.end_date is None else parse_date(query.end_date))


class PlatformStatsResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /platform-stats
    @operation(query=DateRangeQuery, response=dict[str, Any])
    def on_get(self, req: falcon.Request, query: DateRangeQuery) -> dict[str, Any]:
        """Notifications per channel over the days (today by default): total, with test keys, failures by kind."""
        return usecases.platform_stats(self._notify, *_optional_range(query))

    # /platform-stats/daily-volumes-report
    @operation(query=DateRangeQuery, response=list[DailyVolumesOut])
    def on_get_daily_volumes(self, req: falcon.Request, query: DateRangeQuery) -> list[DailyVolumesOut]:
        """Each day's notifications sent, text fragments and letter sheets, for the whole platform."""
        return [DailyVolumesOut.of(day, v) for day, v in usecases.daily_volumes(self._notify, *_range(query)).items()]

    # /platform-stats/daily-sms-provider-volumes-report
    @operation(query=DateRangeQuery, response=list[ProviderVolumesOut])
    def on_get_provider_volumes(self, req: falcon.Request, query: DateRangeQuery) -> list[ProviderVolumesOut]:
        """Each day's texts by provider, with their cost at the day's rate."""
        volumes = usecases.daily_sms_provider_volumes(self._notify, *_range(query))
        return [ProviderVolumesOut.of(key, v) for key, v in volumes.items()]

    # /platform-stats/volumes-by-service
    @operation(query=DateRangeQuery, response=list[ServiceVolumesOut])
    def on_get_service_volumes(self, req: falcon.Request, query: DateRangeQuery) -> list[ServiceVolumesOut]:
        """Each live service's volumes over the days, by organisation then name."""
        return [ServiceVolumesOut.of(s) for s in usecases.volumes_by_service(self._notify, *_range(query))]

    # /platform-stats/data-for-billing-report
    @operation(query=DateRangeQuery, response=list[BillingReportOut])
    def on_get_billing_report(self, req: falcon.Request, query: DateRangeQuery) -> list[BillingReportOut]:
        """What each service is billed for texts and letters over days of one financial year."""
        return [BillingReportOut.of(b) for b in usecases.billing_report(self._notify, *_range(query))]

    # /platform-stats/data-for-dvla-billing-report
    @operation(query=DateRangeQuery, response=list[LettersPrintedOut])
    def on_get_letters_report(self, req: falcon.Request, query: DateRangeQuery) -> list[LettersPrintedOut]:
        """Letters by day, postage, sheets and rate over days of one financial year, with their cost."""
        return [LettersPrintedOut.of(r) for r in usecases.letters_print_report(self._notify, *_range(query))]


class PerformanceDashboardResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /performance-dashboard
    @operation(query=DateRangeQuery, response=DashboardOut)
    def on_get(self, req: falcon.Request, query: DateRangeQuery) -> DashboardOut:
        """All-time totals, each day's notifications over the range (today by default), the live services."""
        board = usecases.performance_dashboard(self._notify, *_optional_range(query))
        return DashboardOut(
            total_notifications=board.all_time.total, email_notifications=board.all_time.emails,
            sms_notifications=board.all_time.sms, letter_notifications=board.all_time.letters,
            notifications_by_type=[DayCountsOut.of(day, c) for day, c in board.by_day.items()],
            processing_time=[ProcessingTimeOut.of(f) for f in board.processing_time],
            live_service_count=len(board.live_services),
            services_using_notify=[ServiceUsingNotifyOut.of(r) for r in board.live_services])


class ServiceReportResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/live-services-data
    @operation(response=list[LiveServiceOut], key="data")
    def on_get_live(self, req: falcon.Request) -> list[LiveServiceOut]:
        """Live services by the day they went live, with this financial year's volumes and their allowance."""
        return [LiveServiceOut.of(s) for s in usecases.live_services_data(self._notify)]

    # /service/monthly-data-by-service
    @operation(query=DateRangeQuery, response=list[list[Any]])
    def on_get_monthly(self, req: falcon.Request, query: DateRangeQuery) -> list[list[Any]]:
        """Rows of month, service id and name, channel, then sending, delivered, technical, temporary and
        permanent failures and sent."""
        return [[m.month.isoformat(), str(m.service_id), name, m.notification_type.value, m.sending, m.delivered,
                 m.technical_failure, m.temporary_failure, m.permanent_failure, m.sent]
                for m, name in usecases.monthly_data_by_service(self._notify, *_range(query))]


class OrganisationUsageResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /organisations/{organisation_id}/services-with-usage
    @operation(query=YearQuery, response=OrganisationUsageOut)
    def on_get(self, req: falcon.Request, organisation_id: UUID, query: YearQuery) -> OrganisationUsageOut:
        """The organisation's services out of trial mode with their usage and cost over a financial year."""
        usage = usecases.organisation_usage(self._notify, organisation_id, parse_year(query.year))
        return OrganisationUsageOut(services=[ServiceUsageOut.of(u) for u in usage.services],
                                    updated_at=usage.updated_at)
