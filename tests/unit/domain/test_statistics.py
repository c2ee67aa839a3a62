"""Statistics periods in London time and the requested / delivered / failed summary."""

from __future__ import annotations

from datetime import datetime, timezone
from uuid import uuid4

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.statistics import StatusCount, financial_year_months, last_days, summarise, today


def test_today_starts_at_london_midnight() -> None:
    summer = today(datetime(2026, 6, 15, 12, tzinfo=timezone.utc))
    assert summer.start == datetime(2026, 6, 14, 23, tzinfo=timezone.utc)
    winter = today(datetime(2026, 12, 15, 12, tzinfo=timezone.utc))
    assert winter.start == datetime(2026, 12, 15, 0, tzinfo=timezone.utc)


def test_last_days_includes_today() -> None:
    period = last_days(datetime(2026, 12, 15, 12, tzinfo=timezone.utc), 7)
    assert (period.start, period.end) == (datetime(2026, 12, 9, tzinfo=timezone.utc),
                                          datetime(2026, 12, 16, tzinfo=timezone.utc))


def test_a_financial_year_runs_april_to_march() -> None:
    months = financial_year_months(2025, datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert [m.label for m in months][0::11] == ["2025-04", "2026-03"]
    assert months[0].start == datetime(2025, 3, 31, 23, tzinfo=timezone.utc)  # BST
    assert months[-1].end == datetime(2026, 3, 31, 23, tzinfo=timezone.utc)


def test_summaries_map_statuses_like_notify() -> None:
    sid = uuid4()
    counts = [StatusCount(sid, "range", NotificationType.SMS, NotificationStatus.DELIVERED, 3),
              StatusCount(sid, "range", NotificationType.SMS, NotificationStatus.TEMPORARY_FAILURE, 2),
              StatusCount(sid, "range", NotificationType.SMS, NotificationStatus.PENDING, 1)]
    assert summarise(counts) == {"sms": {"requested": 6, "delivered": 3, "failed": 2},
                                 "email": {"requested": 0, "delivered": 0, "failed": 0},
                                 "letter": {"requested": 0, "delivered": 0, "failed": 0}}
