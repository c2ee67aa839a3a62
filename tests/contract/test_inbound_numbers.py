"""The inbound number pool: each number once, at most one per service, given to a service only while free (a
compare-and-set), on every store."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.domain import errors
from notify.domain.inbound_number import InboundNumber, InboundNumberNotFound
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def number(text: str, **kw: Any) -> InboundNumber:
    return InboundNumber(**{"id": uuid4(), "number": text, "provider": "mmg", "created_at": T0, **kw})


def _store(new_uow: NewUow, *numbers: InboundNumber) -> None:
    with new_uow() as uow:
        for n in numbers:
            uow.inbound_numbers.add(n)
        uow.commit()


def test_numbers_round_trip_listed_by_number_with_the_free_ones_apart(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    free, held, off = number("07700900002"), number("07700900001", service_id=service.id), \
        number("07700900003", active=False, updated_at=later(minutes=1))
    _store(new_uow, free, held, off)
    with new_uow() as uow:
        assert uow.inbound_numbers.list_all() == [held, free, off]
        assert uow.inbound_numbers.list_available() == [free]
        assert uow.inbound_numbers.get(off.id) == off
        assert uow.inbound_numbers.for_service(service.id) == held
        assert uow.inbound_numbers.find_by_number({"447700900002", "07700900002"}) == free
        assert uow.inbound_numbers.find_by_number({"07700900009"}) is None
        with pytest.raises(InboundNumberNotFound):
            uow.inbound_numbers.get(uuid4())


def test_a_number_is_in_the_pool_once_and_a_service_holds_one(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    _store(new_uow, number("07700900001", service_id=service.id))
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.inbound_numbers.add(number("07700900001"))
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.inbound_numbers.add(number("07700900002", service_id=service.id))


def test_a_number_is_given_only_while_free(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    free, off = number("07700900001"), number("07700900002", active=False)
    _store(new_uow, free, off)
    with new_uow() as uow:
        given = uow.inbound_numbers.give_to_service(free.id, service.id, now=later(minutes=1))
        assert given == InboundNumber(id=free.id, number=free.number, provider="mmg", created_at=T0,
                                      service_id=service.id, updated_at=later(minutes=1))
        assert uow.inbound_numbers.give_to_service(off.id, other.id, now=later(minutes=1)) is None
        uow.commit()
    with new_uow() as uow:
        assert uow.inbound_numbers.give_to_service(free.id, other.id, now=later(minutes=2)) is None
        assert uow.inbound_numbers.give_to_service(uuid4(), other.id, now=later(minutes=2)) is None
        assert uow.inbound_numbers.for_service(service.id) == given
        assert uow.inbound_numbers.for_service(other.id) is None


def test_a_service_holding_a_number_is_given_no_second_one(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    held, free = number("07700900001", service_id=service.id), number("07700900002")
    _store(new_uow, held, free)
    with new_uow() as uow:
        assert uow.inbound_numbers.give_to_service(free.id, service.id, now=later(minutes=1)) is None
        assert uow.inbound_numbers.list_available() == [free]


def test_update_lets_a_number_go(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    held = number("07700900001", service_id=service.id)
    _store(new_uow, held)
    released = held.let_go(retire=True, now=later(minutes=1))
    with new_uow() as uow:
        uow.inbound_numbers.update(released)
        uow.commit()
    with new_uow() as uow:
        assert uow.inbound_numbers.get(held.id) == released
        assert (released.service_id, released.active) == (None, False)
        assert uow.inbound_numbers.for_service(service.id) is None
        with pytest.raises(InboundNumberNotFound):
            uow.inbound_numbers.update(number("07700900009"))
