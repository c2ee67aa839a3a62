"""Notification statistics per service: requested / delivered / failed, by day range or financial month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from uuid import UUID

from notify.domain import statistics as rules
from notify.domain.statistics import Period, StatusCount
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify

Stats = dict[str, dict[str, int]]


def _status_counts(uow: UnitOfWork, periods: Sequence[Period], *, service_ids: Sequence[UUID],
                   include_test_key: bool = False) -> list[StatusCount]:
    """Notifications still kept and those already purged to history (never both: the purge moves them)."""
    return [*uow.notifications.status_counts(periods, service_ids=service_ids, include_test_key=include_test_key),
            *uow.notification_history.status_counts(periods, service_ids=service_ids,
                                                     include_test_key=include_test_key)]


def service_statistics(notify: Notify, service_id: UUID, *, today_only: bool = False, limit_days: int = 7) -> Stats:
    now = notify.clock.now()
    period = rules.today(now) if today_only else rules.last_days(now, limit_days)
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        return rules.summarise(_status_counts(uow, [period], service_ids=[service_id]))


def statistics_for_services(notify: Notify, service_ids: Sequence[UUID], *, start: date | None = None,
                            end: date | None = None, include_test_key: bool = True) -> dict[UUID, Stats]:
    """One grouped query for many services (the detailed service list)."""
    now = notify.clock.now()
    if start is None and end is None:
        period = rules.today(now)
    else:
        first = start or end or now.date()
        last = end or now.astimezone(rules.LONDON).date()
        period = Period("range", rules.london_midnight(first), rules.london_midnight(last + timedelta(days=1)))
    result = {service_id: rules.empty_channel_stats() for service_id in service_ids}
    if not service_ids:
        return result
    with notify.read_uow() as uow:
        counts = _status_counts(uow, [period], service_ids=list(service_ids),
                                                 include_test_key=include_test_key)
    by_service: dict[UUID, list[rules.StatusCount]] = {}
    for row in counts:
        by_service.setdefault(row.service_id, []).append(row)
    for service_id, rows in by_service.items():
        result[service_id] = rules.summarise(rows)
    return result


def monthly_statistics(notify: Notify, service_id: UUID, *, year: int) -> dict[str, Stats]:
    months = rules.financial_year_months(year, notify.clock.now())
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        counts = _status_counts(uow, months, service_ids=[service_id]) if months else []
    return rules.monthly(counts, months)
