"""The platform's figures as Notify's operators read them, folded from the daily facts: totals by channel and
status, volumes by day, provider and service, what each service is billed for a period, letters by print day.
Pure functions of facts: the use cases choose which facts (which days, which services)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from attrs import frozen

from .billing import financial_year_of, priced
from .constants import KeyType, NotificationStatus, NotificationType
from .errors import InvalidRequest
from .facts import BillingFact, StatusFact

NOT_A_DATE = "Input must be a date in the format: YYYY-MM-DD"
ADMIN_FAILURES = (NotificationStatus.TECHNICAL_FAILURE, NotificationStatus.PERMANENT_FAILURE,
                  NotificationStatus.TEMPORARY_FAILURE, NotificationStatus.VIRUS_SCAN_FAILED)
UK_POSTAGE = ("economy", "second", "first")  # the order a billing report lists letters in; international last
INTERNATIONAL_POSTAGE = "international"


def parse_date(raw: str | None) -> date:
    try:
        day = date.fromisoformat(raw or "")
    except ValueError:
        raise InvalidRequest(NOT_A_DATE) from None
    if day.year > 9998:  # the financial year around it must end within the calendar
        raise InvalidRequest(NOT_A_DATE)
    return day


def check_one_financial_year(first: date, last: date) -> None:
    if last < first:
        raise InvalidRequest("Start date must be before end date")
    if financial_year_of(first) != financial_year_of(last):
        raise InvalidRequest("Date must be in a single financial year.")


def admin_stats(facts: Iterable[StatusFact]) -> dict[str, dict[str, Any]]:
    """Per channel: notifications sent with live or team keys, with test keys, and failures by kind."""
    stats: dict[str, dict[str, Any]] = {
        t.value: {"total": 0, "test-key": 0, "failures": {s.value: 0 for s in ADMIN_FAILURES}}
        for t in NotificationType}
    for f in facts:
        channel = stats[f.notification_type.value]
        if f.key_type is KeyType.TEST:
            channel["test-key"] += f.notification_count
            continue
        channel["total"] += f.notification_count
        if f.notification_status in ADMIN_FAILURES:
            channel["failures"][f.notification_status.value] += f.notification_count
    return stats


@frozen
class ChannelCounts:
    emails: int = 0
    sms: int = 0
    letters: int = 0

    @property
    def total(self) -> int:
        return self.emails + self.sms + self.letters


def counts_by_day(facts: Iterable[StatusFact]) -> dict[date, ChannelCounts]:
    """Notifications per channel and day, test keys left out (the performance dashboard's figures)."""
    sums: dict[date, list[int]] = {}
    order = (NotificationType.EMAIL, NotificationType.SMS, NotificationType.LETTER)
    for f in facts:
        if f.key_type is not KeyType.TEST:
            sums.setdefault(f.bst_date, [0, 0, 0])[order.index(f.notification_type)] += f.notification_count
    return {day: ChannelCounts(*counts) for day, counts in sorted(sums.items())}


@frozen
class Volumes:
    """Sums over billing facts (a day's, a service's)."""

    sms_totals: int = 0
    sms_fragment_totals: int = 0
    sms_chargeable_units: int = 0
    sms_cost: float = 0.0  # at the rate, before any free allowance
    email_totals: int = 0
    letter_totals: int = 0
    letter_sheet_totals: int = 0
    letter_cost: float = 0.0


def volumes(facts: Iterable[BillingFact]) -> Volumes:
    sums = [0, 0, 0, 0.0, 0, 0, 0, 0.0]
    for f in facts:
        if f.notification_type is NotificationType.SMS:
            for i, value in enumerate((f.notifications_sent, f.billable_units, f.chargeable_units,
                                       f.chargeable_units * f.rate)):
                sums[i] += value
        elif f.notification_type is NotificationType.EMAIL:
            sums[4] += f.notifications_sent
        else:
            for i, value in enumerate((f.notifications_sent, f.billable_units, f.notifications_sent * f.rate), 5):
                sums[i] += value
    return Volumes(int(sums[0]), int(sums[1]), int(sums[2]), round(sums[3], 6), int(sums[4]), int(sums[5]),
                   int(sums[6]), round(sums[7], 6))


def volumes_by(facts: Iterable[BillingFact], key: Any) -> dict[Any, Volumes]:
    """`volumes` for each value of `key(fact)`, in key order."""
    grouped: dict[Any, list[BillingFact]] = {}
    for f in facts:
        grouped.setdefault(key(f), []).append(f)
    return {k: volumes(grouped[k]) for k in sorted(grouped)}


@frozen
class SmsCharges:
    chargeable_units: int
    charged_units: int
    cost: float
    free_allowance_left: int


def sms_charges(year_facts: Sequence[BillingFact], free_allowance: int, first: date, last: date) -> SmsCharges:
    """A service's texts from `first` to `last`, priced against its allowance for the whole financial year (the
    allowance is used up by earlier days of the year first)."""
    chargeable = charged = 0
    cost = 0.0
    left = free_allowance
    for p in priced([f for f in year_facts if f.notification_type is NotificationType.SMS], free_allowance):
        if first <= p.fact.bst_date <= last:
            chargeable += p.fact.chargeable_units
            charged += p.charged_units
            cost += p.cost
            left = p.free_left
    return SmsCharges(chargeable, charged, round(cost, 6), left)


def postage_description(postage: str) -> str:
    return f"{postage} class" if postage in UK_POSTAGE else INTERNATIONAL_POSTAGE


def letter_rate_text(rate: float) -> str:
    return f"£{rate:,.2f}" if rate >= 1 else f"{rate * 100:.0f}p"


def letter_breakdown(facts: Iterable[BillingFact]) -> str:
    """A service's letters as a billing report describes them: one line per postage and rate."""
    counts: dict[tuple[int, float, str], int] = {}
    for f in facts:
        if f.notification_type is NotificationType.LETTER:
            postage = f.postage if f.postage in UK_POSTAGE else INTERNATIONAL_POSTAGE
            order = UK_POSTAGE.index(postage) if postage in UK_POSTAGE else len(UK_POSTAGE)
            key = (order, f.rate, postage)
            counts[key] = counts.get(key, 0) + f.notifications_sent
    return "".join(f"{sent} {postage_description(postage)} letters at {letter_rate_text(rate)}\n"
                   for (_, rate, postage), sent in sorted(counts.items()))


@frozen
class LetterPrintRow:
    """Letters sent to print on one day at one postage, sheet count and rate."""

    day: date
    postage: str
    sheets: int
    rate: float
    letters: int

    @property
    def cost(self) -> float:
        return round(self.letters * self.rate, 6)


def letters_printed(facts: Iterable[BillingFact]) -> list[LetterPrintRow]:
    """Letters by day, postage, sheets and rate: within one postage and day each sheet count has its own rate, so
    a fact's letters all have billable_units / notifications_sent sheets."""
    counts: dict[tuple[date, str, float, int], int] = {}
    for f in facts:
        if f.notification_type is NotificationType.LETTER and f.notifications_sent:
            key = (f.bst_date, f.postage, f.rate, f.billable_units // f.notifications_sent)
            counts[key] = counts.get(key, 0) + f.notifications_sent
    return [LetterPrintRow(day, postage, sheets, rate, letters)
            for (day, postage, rate, sheets), letters in sorted(counts.items())]


@frozen
class MonthlyStatuses:
    month: date
    service_id: UUID
    notification_type: NotificationType
    sending: int
    delivered: int
    technical_failure: int
    temporary_failure: int
    permanent_failure: int
    sent: int


_MONTHLY_COLUMNS = {
    NotificationStatus.SENDING: 0, NotificationStatus.PENDING: 0, NotificationStatus.DELIVERED: 1,
    NotificationStatus.TECHNICAL_FAILURE: 2, NotificationStatus.FAILED: 2, NotificationStatus.TEMPORARY_FAILURE: 3,
    NotificationStatus.PERMANENT_FAILURE: 4, NotificationStatus.SENT: 5,
}


def monthly_statuses(facts: Iterable[StatusFact]) -> list[MonthlyStatuses]:
    """Per month, service and channel: notifications by Notify's status columns (`created` and test keys left
    out), ordered by month, service id, then channel."""
    sums: dict[tuple[date, UUID, NotificationType], list[int]] = {}
    for f in facts:
        if f.key_type is KeyType.TEST or f.notification_status is NotificationStatus.CREATED:
            continue
        row = sums.setdefault((f.bst_date.replace(day=1), f.service_id, f.notification_type), [0] * 6)
        column = _MONTHLY_COLUMNS.get(f.notification_status)
        if column is not None:
            row[column] += f.notification_count
    return [MonthlyStatuses(month, service_id, kind, *counts)
            for (month, service_id, kind), counts in sorted(sums.items(), key=lambda kv: (
                kv[0][0], str(kv[0][1]), kv[0][2].value))]
