"""What a service's usage costs, by Notify's rules: each financial year (April to March, UK dates) a service
has a free allowance of text message fragments, used up day by day in date order; texts beyond it cost the
rate of their day per fragment (times the rate multiplier), letters cost their rate each, emails nothing.

The allowance for a year is the service's own where set; otherwise Notify's default for its organisation
type and year, or last year's where that was custom, or none for a high-volume service."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import NotificationType
from .errors import InvalidRequest
from .facts import BillingFact

FIRST_FINANCIAL_YEAR = 2016  # Notify's first: no allowance exists before it
HIGH_VOLUME_FRAGMENTS = 300_000  # fragments in a year that make a service high-volume: no free allowance next year
DEFAULT_ORGANISATION_TYPE = "other"
# Free fragments a year by organisation type, from the financial year given (Notify's defaults).
DEFAULT_ALLOWANCES: dict[str, dict[int, int]] = {
    "central": {2016: 250_000, 2021: 150_000, 2022: 40_000, 2024: 30_000, 2026: 20_000},
    "nhs_central": {2016: 250_000, 2021: 150_000, 2022: 40_000, 2024: 30_000, 2026: 20_000},
    "local": {2016: 25_000, 2022: 20_000, 2024: 10_000},
    "nhs_local": {2016: 25_000, 2022: 20_000, 2024: 10_000},
    "emergency_service": {2016: 25_000, 2022: 20_000, 2024: 10_000},
    "nhs_gp": {2016: 25_000, 2021: 10_000, 2024: 0},
    "school_or_college": {2016: 25_000, 2021: 10_000, 2024: 5_000},
    "other": {2016: 25_000, 2021: 10_000, 2024: 5_000},
    "nhs_notify": {2016: 0},
}
NO_VALID_YEAR = "No valid year provided"
BAD_REQUEST = "The browser (or proxy) sent a request that this server could not understand."  # Notify's bare 400


def financial_year_of(day: date) -> int:
    return day.year if day >= date(day.year, 4, 1) else day.year - 1


def financial_year_dates(year: int) -> tuple[date, date]:
    """The first and last UK days of financial year `year` (both included)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def parse_year(raw: str | None) -> int:
    """A `year` query parameter: a whole number, else Notify's 400."""
    try:
        year = int(raw or "")
    except ValueError:
        raise InvalidRequest(NO_VALID_YEAR) from None
    if not 1 <= year <= 9998:  # a year a calendar date can hold, with the March after it
        raise InvalidRequest(NO_VALID_YEAR)
    return year


@frozen(kw_only=True)
class AnnualBilling:
    id: UUID
    service_id: UUID
    financial_year_start: int
    free_sms_fragment_limit: int
    created_at: datetime
    updated_at: datetime | None = None
    high_volume_service_last_year: bool = False
    has_custom_allowance: bool = False

    def changed(self, *, free_sms_fragment_limit: int, has_custom_allowance: bool, now: datetime) -> AnnualBilling:
        return evolve(self, free_sms_fragment_limit=free_sms_fragment_limit,
                      has_custom_allowance=has_custom_allowance, updated_at=now)


def default_allowance(organisation_type: str | None, year: int) -> int:
    """Notify's default free fragments for the organisation type in financial year `year` (`other` when the
    service has no type)."""
    by_year = DEFAULT_ALLOWANCES.get(organisation_type or DEFAULT_ORGANISATION_TYPE,
                                     DEFAULT_ALLOWANCES[DEFAULT_ORGANISATION_TYPE])
    return by_year[max(y for y in by_year if y <= max(year, FIRST_FINANCIAL_YEAR))]


@frozen
class Allowance:
    free_sms_fragment_limit: int
    high_volume_service_last_year: bool
    has_custom_allowance: bool


def allowance_for_year(organisation_type: str | None, year: int, *, last_year: AnnualBilling | None,
                       fragments_last_year: int) -> Allowance:
    """The allowance a service gets for a year it has none for yet: none for a high-volume service, last
    year's where that was its own, else the default."""
    if fragments_last_year >= HIGH_VOLUME_FRAGMENTS:
        return Allowance(0, True, False)
    if last_year is not None and last_year.has_custom_allowance:
        return Allowance(last_year.free_sms_fragment_limit, False, True)
    return Allowance(default_allowance(organisation_type, year), False, False)


def check_year_for_default(year: int, current_year: int) -> None:
    """Defaults are set only for years Notify has had and that have begun (a later one is URL guessing)."""
    if year < FIRST_FINANCIAL_YEAR or year > current_year:
        raise InvalidRequest(BAD_REQUEST)


@frozen
class Usage:
    """Usage at one rate: a month's (monthly usage) or the year's (the yearly summary)."""

    month: date | None
    notification_type: NotificationType
    rate: float
    postage: str
    notifications_sent: int
    chargeable_units: int
    cost: float
    free_allowance_used: int
    charged_units: int


@frozen
class Priced:
    fact: BillingFact
    cost: float
    free_allowance_used: int
    charged_units: int
    free_left: int


def priced(facts: Iterable[BillingFact], free_allowance: int) -> list[Priced]:
    """Each fact's cost, in date order: texts use the allowance up before they cost anything (`free_left` is
    what is left of it after the fact)."""
    left = free_allowance
    found = []
    for fact in sorted(facts, key=lambda f: (f.bst_date, f.notification_type.value, f.rate)):
        units = fact.chargeable_units
        if fact.notification_type is NotificationType.SMS:
            free = min(left, units)
            left -= free
            charged = units - free
            found.append(Priced(fact, charged * fact.rate, free, charged, left))
        elif fact.notification_type is NotificationType.LETTER:
            found.append(Priced(fact, fact.notifications_sent * fact.rate, 0, fact.notifications_sent, left))
        else:
            found.append(Priced(fact, 0.0, 0, fact.billable_units, left))
    return found


def usage(facts: Iterable[BillingFact], free_allowance: int, *, by_month: bool) -> list[Usage]:
    """A financial year's facts summed by rate and channel (and postage and month when `by_month`), ordered
    as Notify orders them: by month, channel, then rate."""
    sums: dict[tuple[date | None, NotificationType, float, str], list[float]] = {}
    for p in priced(facts, free_allowance):
        f = p.fact
        month = f.bst_date.replace(day=1) if by_month else None
        postage = f.postage if by_month else ""
        row = sums.setdefault((month, f.notification_type, f.rate, postage), [0, 0, 0.0, 0, 0])
        for i, value in enumerate((f.notifications_sent, f.chargeable_units, p.cost, p.free_allowance_used,
                                   p.charged_units)):
            row[i] += value
    return [Usage(month, kind, rate, postage, int(s[0]), int(s[1]), round(s[2], 6), int(s[3]), int(s[4]))
            for (month, kind, rate, postage), s in sorted(sums.items(), key=lambda kv: (
                kv[0][0] or date.min, kv[0][1].value, kv[0][2], kv[0][3]))]


def sms_fragments(facts: Sequence[BillingFact]) -> int:
    """Chargeable text fragments (fragments times multiplier) in the facts."""
    return sum(f.chargeable_units for f in facts if f.notification_type is NotificationType.SMS)
