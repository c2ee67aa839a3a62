"""Notify's statistics rules: how raw statuses count as requested / delivered / failed, and the
financial-year calendar (1 April, London time) that monthly figures use."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from uuid import UUID
from zoneinfo import ZoneInfo

from attrs import frozen

from .constants import DELIVERED_STATUSES, FAILURE_STATUSES, NotificationStatus, NotificationType

LONDON = ZoneInfo("Europe/London")
UTC = timezone.utc
CHANNELS = tuple(NotificationType)


@frozen
class Period:
    """A labelled half-open interval [start, end) in UTC."""

    label: str
    start: datetime
    end: datetime


@frozen
class StatusCount:
    """How many notifications of one type ended up in one status, for one service and period."""

    service_id: UUID
    period: str
    notification_type: NotificationType
    status: NotificationStatus
    count: int


def empty_channel_stats() -> dict[str, dict[str, int]]:
    return {channel.value: {"requested": 0, "delivered": 0, "failed": 0} for channel in CHANNELS}


def summarise(counts: Iterable[StatusCount]) -> dict[str, dict[str, int]]:
    """Requested / delivered / failed per channel; every channel present, zeros when nothing was sent."""
    stats = empty_channel_stats()
    for row in counts:
        channel = stats[NotificationType(row.notification_type).value]
        status = NotificationStatus(row.status)
        if status is not NotificationStatus.CANCELLED:
            channel["requested"] += row.count
        if status in DELIVERED_STATUSES:
            channel["delivered"] += row.count
        elif status in FAILURE_STATUSES:
            channel["failed"] += row.count
    return stats


def london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def last_days(now: datetime, days: int) -> Period:
    """Today (London) and the `days - 1` whole days before it."""
    today = now.astimezone(LONDON).date()
    start = london_midnight(today - timedelta(days=max(days, 1) - 1))
    return Period("range", start, london_midnight(today + timedelta(days=1)))


def today(now: datetime) -> Period:
    return last_days(now, 1)


def financial_year_months(year: int, now: datetime) -> list[Period]:
    """The months of financial year `year` (April `year` to March `year + 1`) that have started by `now`."""
    months = []
    for offset in range(12):
        y, m = (year, 4 + offset) if offset < 9 else (year + 1, offset - 8)
        start = london_midnight(date(y, m, 1))
        if start > now:
            break
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        months.append(Period(f"{y:04d}-{m:02d}", start, london_midnight(date(ny, nm, 1))))
    return months


def monthly(counts: Iterable[StatusCount], months: Iterable[Period]) -> dict[str, dict[str, dict[str, int]]]:
    """Per started month, requested / delivered / failed per channel (the seed's shape); zeros, never gaps."""
    by_month: dict[str, list[StatusCount]] = {period.label: [] for period in months}
    for row in counts:
        by_month[row.period].append(row)
    return {label: summarise(rows) for label, rows in by_month.items()}


@frozen
class TemplateCount:
    """How many notifications one template sent in one period (test-key sends not counted)."""

    period: str
    template_id: UUID
    count: int


def combined(counts: Iterable[TemplateCount]) -> list[TemplateCount]:
    """One count per period and template (kept notifications and history each bring theirs)."""
    totals: dict[tuple[str, UUID], int] = {}
    for c in counts:
        totals[(c.period, c.template_id)] = totals.get((c.period, c.template_id), 0) + c.count
    return [TemplateCount(period, template_id, count)
            for (period, template_id), count in sorted(totals.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))]


@frozen
class TemplateStatusCount:
    """How many notifications one template sent that are now in one status (test-key sends not counted)."""

    template_id: UUID
    status: NotificationStatus
    count: int


def combined_by_status(counts: Iterable[TemplateStatusCount]) -> list[TemplateStatusCount]:
    """One count per template and status (kept notifications and history each bring theirs)."""
    totals: dict[tuple[UUID, NotificationStatus], int] = {}
    for c in counts:
        totals[(c.template_id, c.status)] = totals.get((c.template_id, c.status), 0) + c.count
    return [TemplateStatusCount(template_id, status, count)
            for (template_id, status), count in sorted(totals.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))]
