from __future__ import annotations

from uuid import uuid4

import pytest
from attrs import evolve

from notify.domain import errors
from notify.domain.constants import CallbackType

from .helpers import NewUow, add_service, callback, later


def test_callback_round_trips_and_is_versioned(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    cb = callback(service.id, service.created_by)
    v2 = cb.changed(now=later(hours=1), url="https://example.gov.uk/new", bearer_token="another-token-5678")
    with new_uow() as uow:
        uow.callback_apis.add(cb)
        uow.commit()
    with new_uow() as uow:
        assert uow.callback_apis.get(service.id, cb.id) == cb
        uow.callback_apis.update(v2)
        uow.commit()
    with new_uow() as uow:
        assert uow.callback_apis.get(service.id, cb.id) == v2
        with pytest.raises(errors.ConcurrentUpdate):
            uow.callback_apis.update(evolve(cb, url="https://stale.example"))


def test_one_callback_of_each_type_per_service(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    cb = callback(service.id, service.created_by)
    complaint = callback(service.id, service.created_by, callback_type=CallbackType.COMPLAINT)
    with new_uow() as uow:
        uow.callback_apis.add(cb)
        with pytest.raises(errors.AlreadyExists):
            uow.callback_apis.add(callback(service.id, service.created_by))
        uow.callback_apis.add(complaint)
        uow.commit()
    with new_uow() as uow:
        assert uow.callback_apis.list_for_service(service.id) == [complaint, cb]


def test_remove_and_not_found(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    cb = callback(service.id, service.created_by)
    with new_uow() as uow:
        uow.callback_apis.add(cb)
        uow.commit()
    with new_uow() as uow:
        with pytest.raises(errors.CallbackApiNotFound):
            uow.callback_apis.get(other.id, cb.id)
        with pytest.raises(errors.CallbackApiNotFound):
            uow.callback_apis.remove(other.id, cb.id)
        uow.callback_apis.remove(service.id, cb.id)
        uow.commit()
    with new_uow() as uow:
        assert uow.callback_apis.list_for_service(service.id) == []
        with pytest.raises(errors.CallbackApiNotFound):
            uow.callback_apis.get(service.id, cb.id)
        with pytest.raises(errors.CallbackApiNotFound):
            uow.callback_apis.update(callback(service.id, service.created_by, id=uuid4(), version=2))
