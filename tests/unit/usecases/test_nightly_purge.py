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


def test_the_delivery_sweep_starts_the_nights_purge_once() -> None:
    import threading
    from datetime import timedelta

    from notify.bootstrap import sweep_deliveries
    from notify.config import Settings
    from tests import factories

    clock = FrozenClock(datetime(2026, 6, 15, 3, 0, tzinfo=timezone.utc))
    notify = build_test_core(clock)
    service = factories.create_service(notify)
    old = factories.notification(service.id, created_at=clock.now() - timedelta(days=10))
    with notify.uow() as uow:
        uow.notifications.add(old)
        uow.commit()
    nightly = NightlyPurge(hour=3)

    sweep_deliveries(notify, Settings(), nightly)
    for thread in [t for t in threading.enumerate() if t.name == "notify-purge"]:
        thread.join(30)

    with notify.uow() as uow:
        assert uow.notifications.find(old.id) is None
        assert uow.notification_history.find(old.id) is not None
    assert not nightly.due(notify)  # tonight's is done
