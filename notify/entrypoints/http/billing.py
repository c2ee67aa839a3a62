"""Admin API: /service/{id}/billing (the free text message allowance, and usage by month or financial year)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.domain.billing import BAD_REQUEST, parse_year
from notify.domain.errors import InvalidRequest
from notify.usecases import billing as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.billing import (
    FinancialYearQuery, FreeAllowanceOut, MonthlyUsageOut, SetFreeAllowance, YearlyUsageOut, YearQuery,
)


class BillingResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/billing/free-sms-fragment-limit
    @operation(query=FinancialYearQuery, response=FreeAllowanceOut)
    def on_get_free_allowance(self, req: falcon.Request, service_id: UUID,
                              query: FinancialYearQuery) -> FreeAllowanceOut:
        """Free text message fragments for a financial year (this one by default); a year the service has none
        for gets Notify's default, set from then on."""
        year = None
        if query.financial_year_start is not None:
            try:
                year = int(query.financial_year_start)
            except ValueError:
                raise InvalidRequest(BAD_REQUEST) from None
        return FreeAllowanceOut.of(usecases.free_allowance(self._notify, service_id, year))

    @operation(body=SetFreeAllowance, response=SetFreeAllowance, status=201)
    def on_post_free_allowance(self, req: falcon.Request, service_id: UUID,
                               body: SetFreeAllowance) -> SetFreeAllowance:
        """Set this financial year's free fragments."""
        usecases.set_free_allowance(self._notify, service_id, body.free_sms_fragment_limit)
        return body

    # /service/{service_id}/billing/monthly-usage
    @operation(query=YearQuery, response=list[MonthlyUsageOut])
    def on_get_monthly_usage(self, req: falcon.Request, service_id: UUID, query: YearQuery) -> list[MonthlyUsageOut]:
        """Texts and letters sent in each month of a financial year, by rate and postage, with their cost."""
        usage = usecases.monthly_usage(self._notify, service_id, parse_year(query.year))
        return [MonthlyUsageOut.of(u) for u in usage]

    # /service/{service_id}/billing/yearly-usage-summary
    @operation(query=YearQuery, response=list[YearlyUsageOut])
    def on_get_yearly_usage(self, req: falcon.Request, service_id: UUID, query: YearQuery) -> list[YearlyUsageOut]:
        """Each channel's usage over a financial year, by rate, with its cost."""
        return [YearlyUsageOut.of(u) for u in usecases.yearly_usage(self._notify, service_id, parse_year(query.year))]
