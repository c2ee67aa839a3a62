"""The persisted retry schedule: one entry per kind and notification, taken once by whoever sweeps."""

from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain.retry import RetryKind, ScheduledRetry

from tests import storage

from .helpers import NewUow, later

DELIVERY, CALLBACK = RetryKind.DELIVERY, RetryKind.STATUS_CALLBACK


def retry(kind: RetryKind = DELIVERY, *, attempt: int = 1, **due: float) -> ScheduledRetry:
    return ScheduledRetry(kind=kind, notification_id=uuid4(), attempt=attempt, due_at=later(**(due or {"minutes": 1})))


def _schedule(new_uow: NewUow, *retries: ScheduledRetry) -> None:
    with new_uow() as uow:
        uow.retries.schedule(list(retries))
        uow.commit()


def test_due_entries_are_taken_earliest_first_and_removed(new_uow: NewUow) -> None:
    late, soon, later_still = retry(minutes=2), retry(minutes=1), retry(minutes=10)
    other_kind = retry(CALLBACK, minutes=1)
    _schedule(new_uow, late, soon, later_still, other_kind)
    with new_uow() as uow:
        assert uow.retries.take_due(DELIVERY, due_before=later(minutes=5)) == [soon, late]
        uow.commit()
    with new_uow() as uow:
        assert uow.retries.take_due(DELIVERY, due_before=later(minutes=5)) == []
        assert uow.retries.scheduled(DELIVERY, [soon.notification_id, later_still.notification_id]) == \
            {later_still.notification_id}
        assert uow.retries.scheduled(CALLBACK, [other_kind.notification_id]) == {other_kind.notification_id}


def test_taking_with_a_lease_moves_the_entry_out_of_reach_until_the_lease_ends(new_uow: NewUow) -> None:
    entry = retry(CALLBACK, attempt=3, minutes=1)
    _schedule(new_uow, entry)
    with new_uow() as uow:
        assert uow.retries.take_due(CALLBACK, due_before=later(minutes=2), lease_until=later(minutes=7)) == [entry]
        uow.commit()
    with new_uow() as uow:
        assert uow.retries.take_due(CALLBACK, due_before=later(minutes=6)) == []
        assert uow.retries.take_due(CALLBACK, due_before=later(minutes=7), limit=1) == \
            [ScheduledRetry(kind=CALLBACK, notification_id=entry.notification_id, attempt=3, due_at=later(minutes=7))]


def test_an_entry_is_taken_only_while_it_is_as_scheduled(new_uow: NewUow) -> None:
    entry = retry(CALLBACK, attempt=1, seconds=30)
    _schedule(new_uow, entry)
    with new_uow() as uow:
        assert uow.retries.take(entry, lease_until=later(minutes=5))
        uow.commit()
    with new_uow() as uow:
        assert not uow.retries.take(entry, lease_until=later(minutes=5))  # already taken: the due time moved
        assert not uow.retries.take(retry(CALLBACK), lease_until=later(minutes=5))  # never scheduled


def test_scheduling_again_replaces_and_remove_and_rollback_work(new_uow: NewUow) -> None:
    entry = retry(DELIVERY, attempt=1, minutes=1)
    _schedule(new_uow, entry)
    replaced = ScheduledRetry(kind=DELIVERY, notification_id=entry.notification_id, attempt=2, due_at=later(minutes=3))
    _schedule(new_uow, replaced)
    with new_uow() as uow:
        uow.retries.remove(DELIVERY, [entry.notification_id])  # not committed
    with new_uow() as uow:
        assert uow.retries.take_due(DELIVERY, due_before=later(minutes=2)) == []
        assert uow.retries.take_due(DELIVERY, due_before=later(minutes=3)) == [replaced]
        # not committed either: still there afterwards
    with new_uow() as uow:
        uow.retries.remove(DELIVERY, [entry.notification_id])
        uow.retries.remove(DELIVERY, [])
        uow.commit()
    with new_uow() as uow:
        assert uow.retries.scheduled(DELIVERY, [entry.notification_id]) == set()
        assert uow.retries.scheduled(DELIVERY, []) == set()


@pytest.mark.postgres
def test_two_sweepers_at_once_take_different_entries() -> None:
    new_uow = storage.new_uow_factory("postgres")
    entries = [retry(DELIVERY, seconds=i) for i in range(1, 5)]
    _schedule(new_uow, *entries)
    with new_uow() as first, new_uow() as second:  # two processes' transactions, open together
        mine = first.retries.take_due(DELIVERY, due_before=later(minutes=1), limit=2)
        theirs = second.retries.take_due(DELIVERY, due_before=later(minutes=1))  # skips what `first` holds
        first.commit()
        second.commit()
    assert mine == entries[:2] and theirs == entries[2:]
