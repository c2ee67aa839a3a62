"""Building the daily facts: a UK day's notifications folded into billing, status and processing-time facts,
replacing whatever that day had, so a build can run again (nightly, by hand, for today on request) and leave the
same rows.

Nightly, every delivering process builds yesterday and the days before it that late receipts may still have
changed; usage and statistics then read the facts, never the notifications (today's live figures aside)."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import date, timedelta
from uuid import UUID

from attrs import define, frozen

from notify.domain import errors
from notify.domain.facts import ProcessingTimeFact, billing_facts, status_facts, uk_date, utc_bounds

from .app import Notify

log = logging.getLogger("notify.facts")
NIGHTLY_DAYS = 4  # yesterday and the three days before: receipts still move statuses for a few days


@frozen
class BuiltDay:
    day: date
    billing_facts: int
    status_facts: int


def build_day(notify: Notify, day: date, *, service_ids: Collection[UUID] | None = None) -> BuiltDay:
    """Rebuild one UK day's facts (of those services only, when given) from its notifications."""
    start, end = utc_bounds(day)
    with notify.uow() as uow:
        tallies = uow.facts.tally_notifications(start, end, service_ids=service_ids)
        billing, statuses = billing_facts(day, tallies), status_facts(day, tallies)
        uow.facts.replace_billing_day(day, billing, service_ids=service_ids)
        uow.facts.replace_status_day(day, statuses, service_ids=service_ids)
        if service_ids is None:  # processing time is the whole platform's
            total, fast = uow.facts.tally_processing_time(start, end)
            uow.facts.replace_processing_time_day(ProcessingTimeFact(day, total, fast, notify.clock.now()))
        uow.commit()
    return BuiltDay(day, len(billing), len(statuses))


def build_days(notify: Notify, first: date, last: date) -> list[BuiltDay]:
    """Every day from `first` to `last`, both included, oldest first."""
    return [build_day(notify, first + timedelta(days=i)) for i in range((last - first).days + 1)]


def build_nightly(notify: Notify, days: int = NIGHTLY_DAYS) -> list[BuiltDay]:
    yesterday = uk_date(notify.clock.now()) - timedelta(days=1)
    return build_days(notify, yesterday - timedelta(days=days - 1), yesterday)


@define
class NightlyFacts:
    """Runs the nightly build once per UK day, from a process's periodic sweep (the first sweep builds too,
    so a process that was down at midnight catches up). Two processes building at once are harmless: the
    second build of a day replaces the first's rows, or its commit fails on their key and is tried again."""

    built_on: date | None = None

    def run_if_due(self, notify: Notify) -> bool:
        today = uk_date(notify.clock.now())
        if self.built_on == today:
            return False
        try:
            build_nightly(notify)
        except (errors.AlreadyExists, errors.StoreUnavailable):
            log.warning("nightly facts not built this time (another process was building them, or the store was "
                        "unavailable); the next sweep tries again")
            return False
        self.built_on = today
        return True
