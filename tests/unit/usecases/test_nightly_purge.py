"""The sweep's nightly purge: due once a UK day, from the configured hour (UK time) on."""

from __future__ import annotations

from datetime import datetime, timezone

from notify.testing import build_test_core
from notify.usecases.purge import NightlyPurge

from ...fakes import FrozenClock


def test_due_once_a_uk_day_from_its_hour() -> None:
    clock = FrozenClock(datetime(2026, 6, 15, 1, 30, tzinfo=timezone.utc))  # 02:30 in London (summer time)
    notify = build_test_core(clock)
    nightly = NightlyPurge(hour=3)
    assert not nightly.due(notify)
    clock.advance(minutes=30)  # 03:00 in London
    assert nightly.due(notify)
    assert not nightly.due(notify)
    clock.advance(hours=20)  # 23:00 the same day
    assert not nightly.due(notify)
    clock.advance(hours=2)  # 01:00 the next day: not yet
    assert not nightly.due(notify)
    clock.advance(hours=3)
    assert nightly.due(notify)
