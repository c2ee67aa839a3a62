"""Which day's print run takes a letter: letters are printed from 17:30 London time, so one made after then
goes in the next day's run."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .statistics import LONDON, UTC

PRINT_RUN = time(17, 30)
_AFTER_THE_RUN = timedelta(hours=24) - timedelta(hours=PRINT_RUN.hour, minutes=PRINT_RUN.minute)


def print_day(created_at: datetime) -> date:
    return (created_at.astimezone(LONDON) + _AFTER_THE_RUN).date()


def print_run(day: date) -> datetime:
    """When the day's run starts, in UTC."""
    return datetime.combine(day, PRINT_RUN, tzinfo=LONDON).astimezone(UTC)


def print_window(day: date) -> tuple[datetime, datetime]:
    """The creation times [start, end) whose letters go in the day's run."""
    return print_run(day - timedelta(days=1)), print_run(day)
