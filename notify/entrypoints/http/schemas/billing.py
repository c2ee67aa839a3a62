"""Billing on the admin API: the year asked for, the free allowance, and usage rows in Notify's shapes."""

from __future__ import annotations

from attrs import define

from notify.domain.billing import AnnualBilling, Usage

from .fields import QUERY_MAX_LENGTH, optional, required


@define(kw_only=True)
class YearQuery:
    """Read as text: Notify's own message answers a missing or malformed year."""

    year: str | None = optional(max_length=QUERY_MAX_LENGTH)


@define(kw_only=True)
class FinancialYearQuery:
    financial_year_start: str | None = optional(max_length=QUERY_MAX_LENGTH, blank_is_missing=True)


@define(kw_only=True)
class FreeAllowanceOut:
    free_sms_fragment_limit: int
    financial_year_start: int

    @classmethod
    def of(cls, b: AnnualBilling) -> FreeAllowanceOut:
        return cls(free_sms_fragment_limit=b.free_sms_fragment_limit, financial_year_start=b.financial_year_start)


@define(kw_only=True)
class SetFreeAllowance:
    free_sms_fragment_limit: int = required(minimum=0)


@define(kw_only=True)
class MonthlyUsageOut:
    month: str  # the month's name, as Notify writes it ("April")
    notification_type: str
    chargeable_units: int
    notifications_sent: int
    rate: float
    postage: str
    cost: float
    free_allowance_used: int
    charged_units: int

    @classmethod
    def of(cls, u: Usage) -> MonthlyUsageOut:
        assert u.month is not None
        return cls(month=u.month.strftime("%B"), notification_type=u.notification_type.value,
                   chargeable_units=u.chargeable_units, notifications_sent=u.notifications_sent, rate=u.rate,
                   postage=u.postage, cost=u.cost, free_allowance_used=u.free_allowance_used,
                   charged_units=u.charged_units)


@define(kw_only=True)
class YearlyUsageOut:
    notification_type: str
    chargeable_units: int
    notifications_sent: int
    rate: float
    cost: float
    free_allowance_used: int
    charged_units: int

    @classmethod
    def of(cls, u: Usage) -> YearlyUsageOut:
        return cls(notification_type=u.notification_type.value, chargeable_units=u.chargeable_units,
                   notifications_sent=u.notifications_sent, rate=u.rate, cost=u.cost,
                   free_allowance_used=u.free_allowance_used, charged_units=u.charged_units)
