"""Counters for the sending limits: atomic increments inside the caller's transaction."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from notify.domain.limits import Increment
from tests import storage

from .helpers import NewUow, later


def test_increment_counts_up_from_the_amount(new_uow: NewUow) -> None:
    with new_uow() as uow:
        assert uow.counters.find("rate:a") is None
        assert uow.counters.increment("rate:a", expires_at=later(minutes=1)) == 1
        assert uow.counters.increment("rate:a", expires_at=later(minutes=1), amount=4) == 5
        assert uow.counters.increment("rate:b", expires_at=later(minutes=1), amount=2) == 2
        uow.commit()
    with new_uow() as uow:
        assert uow.counters.find("rate:a") == 5
        assert uow.counters.find("rate:b") == 2


def test_a_rolled_back_increment_is_given_back(new_uow: NewUow) -> None:
    with new_uow() as uow:
        uow.counters.increment("day:sms", expires_at=later(days=1))
        uow.commit()
    with new_uow() as uow:
        assert uow.counters.increment("day:sms", expires_at=later(days=1)) == 2
    with new_uow() as uow:
        assert uow.counters.find("day:sms") == 1


def test_each_increment_sets_the_expiry(new_uow: NewUow) -> None:
    with new_uow() as uow:
        uow.counters.increment("k", expires_at=later(minutes=1))
        uow.counters.increment("k", expires_at=later(minutes=5))
        assert uow.counters.remove_expired(later(minutes=2)) == 0
        assert uow.counters.find("k") == 2


def test_remove_expired_deletes_rows_whose_time_has_come(new_uow: NewUow) -> None:
    with new_uow() as uow:
        uow.counters.increment("old", expires_at=later(minutes=1))
        uow.counters.increment("edge", expires_at=later(minutes=2))
        uow.counters.increment("new", expires_at=later(minutes=3))
        uow.commit()
    with new_uow() as uow:
        assert uow.counters.remove_expired(later(minutes=2)) == 2
        uow.commit()
    with new_uow() as uow:
        assert (uow.counters.find("old"), uow.counters.find("edge"), uow.counters.find("new")) == (None, None, 1)


@pytest.mark.postgres
def test_concurrent_increments_are_never_lost() -> None:
    new_uow: Callable[[], Any] = storage.new_uow_factory("postgres")
    errors: list[BaseException] = []

    def send(times: int) -> None:
        try:
            for _ in range(times):
                with new_uow() as uow:
                    uow.counters.increment("rate:shared", expires_at=later(minutes=1))
                    uow.commit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(25,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    with new_uow() as uow:
        assert uow.counters.find("rate:shared") == 100


def test_increment_many_returns_the_new_values_in_the_order_given(new_uow: NewUow) -> None:
    with new_uow() as uow:
        uow.counters.increment("b", expires_at=later(minutes=1), amount=10)
        assert list(uow.counters.increment_many([Increment("b", later(minutes=1), 1), Increment("a", later(days=1), 3)])) == [11, 3]
        assert list(uow.counters.increment_many([Increment("a", later(days=1), 1)])) == [4]
        assert list(uow.counters.increment_many([])) == []
        uow.commit()
    with new_uow() as uow:
        assert (uow.counters.find("a"), uow.counters.find("b")) == (4, 11)


def test_increment_many_first_raises_each_value_to_its_floor(new_uow: NewUow) -> None:
    big = 1_800_000_000_000_000_000  # a time in nanoseconds: a rate bucket's floor
    with new_uow() as uow:
        uow.counters.increment("low", expires_at=later(minutes=1), amount=7)
        uow.counters.increment("high", expires_at=later(minutes=1), amount=50)
        assert list(uow.counters.increment_many([Increment("low", later(minutes=1), 3, floor=20),
                                                 Increment("high", later(minutes=1), 3, floor=20),
                                                 Increment("new", later(minutes=1), 3, floor=big),
                                                 Increment("back", later(minutes=1), -2)])) == [23, 53, big + 3, -2]
        uow.commit()
    with new_uow() as uow:
        assert list(uow.counters.increment_many([Increment("new", later(minutes=1), -3, floor=big - 10),
                                                 Increment("back", later(minutes=1), 5)])) == [big, 5]
        uow.commit()
    with new_uow() as uow:
        assert [uow.counters.find(key) for key in ("low", "high", "new", "back")] == [23, 53, big, 5]


def test_increment_many_is_given_back_on_rollback_and_sets_expiry(new_uow: NewUow) -> None:
    with new_uow() as uow:
        uow.counters.increment_many([Increment("x", later(minutes=1), 1), Increment("y", later(minutes=1), 1)])
        uow.commit()
    with new_uow() as uow:
        assert list(uow.counters.increment_many([Increment("x", later(minutes=5), 1), Increment("y", later(minutes=5), 1)])) == [2, 2]
    with new_uow() as uow:
        assert (uow.counters.find("x"), uow.counters.find("y")) == (1, 1)
        uow.counters.increment_many([Increment("x", later(minutes=5), 1)])
        assert uow.counters.remove_expired(later(minutes=2)) == 1  # y kept its 1-minute expiry; x moved on
        assert (uow.counters.find("x"), uow.counters.find("y")) == (2, None)


def test_increment_many_refuses_repeated_keys(new_uow: NewUow) -> None:
    with new_uow() as uow, pytest.raises(ValueError):
        uow.counters.increment_many([Increment("k", later(minutes=1), 1), Increment("k", later(minutes=1), 1)])


@pytest.mark.postgres
def test_concurrent_increment_many_in_any_key_order_neither_loses_nor_deadlocks() -> None:
    new_uow: Callable[[], Any] = storage.new_uow_factory("postgres")
    errors: list[BaseException] = []

    def send(times: int, keys: list[str]) -> None:
        try:
            for _ in range(times):
                with new_uow() as uow:
                    uow.counters.increment_many([Increment(key, later(minutes=1), 1) for key in keys])
                    uow.commit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(25, ["m:rate", "m:daily"] if n % 2 else ["m:daily", "m:rate"]))
               for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    with new_uow() as uow:
        assert (uow.counters.find("m:rate"), uow.counters.find("m:daily")) == (100, 100)
