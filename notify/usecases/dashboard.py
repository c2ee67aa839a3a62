"""A service's dashboard: the last 7 days and this financial year's months per channel, the failure rate and
the most used templates, summed from the daily status facts up to yesterday with today's notifications counted
live, as Notify's dashboard does (a year of notifications is never read row by row)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from notify.domain import dashboard
from notify.domain.billing import financial_year_of
from notify.domain.facts import DayRange, uk_date
from notify.domain.statistics import StatusCount, today as today_period
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify

DAYS = 7


def _month_ranges(months: list[date], yesterday: date) -> list[DayRange]:
    ranges = []
    for first in months:
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        last = min(after - timedelta(days=1), yesterday)
        if first <= last:
            ranges.append(DayRange(dashboard.month_label(first), first, last))
    return ranges


def _today_live(uow: UnitOfWork, notify: Notify, service_id: UUID, today: date) -> list[StatusCount]:
    """Today's counts (test keys left out), once as today's and once more as this month's."""
    period = today_period(notify.clock.now())
    live = [*uow.notifications.status_counts([period], service_ids=[service_id]),
            *uow.notification_history.status_counts([period], service_ids=[service_id])]
    return [StatusCount(c.service_id, label, c.notification_type, c.status, c.count)
            for label in (today.isoformat(), dashboard.month_label(today)) for c in live]


def service_dashboard(notify: Notify, service_id: UUID) -> dashboard.Dashboard:
    now = notify.clock.now()
    today = uk_date(now)
    yesterday = today - timedelta(days=1)
    days = [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]
    year = financial_year_of(today)
    months = [m for m in (date(year + (n < 4), n, 1) for n in (*range(4, 13), *range(1, 4))) if m <= today]
    ranges = [DayRange(day.isoformat(), day, day) for day in days[:-1]] + _month_ranges(months, yesterday)
    since = today_period(now).start
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        counts = [*uow.facts.status_counts(ranges, service_id=service_id),
                  *_today_live(uow, notify, service_id, today)]
        template_counts = [*uow.facts.template_status_counts(days[0], yesterday, service_id=service_id),
                           *uow.notifications.template_status_counts(service_id, since),
                           *uow.notification_history.template_status_counts(service_id, since)]
        names = {t.id: (t.name, t.template_type)
                 for t in uow.templates.list_for_service(service_id, include_archived=True)}
    return dashboard.fold(days=days, months=months, counts=counts, template_counts=template_counts,
                          template_names=names)
