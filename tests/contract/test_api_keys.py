from __future__ import annotations

from uuid import uuid4

import pytest
from attrs import evolve

from notify.domain import errors
from notify.domain.constants import KeyType

from .helpers import NewUow, add_service, api_key, later


def test_api_key_round_trips_with_its_secret(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    key = api_key(service.id, service.created_by, key_type=KeyType.TEAM)
    with new_uow() as uow:
        uow.api_keys.add(key)
        uow.commit()
    with new_uow() as uow:
        assert uow.api_keys.get(service.id, key.id) == key
        with pytest.raises(errors.ApiKeyNotFound):
            uow.api_keys.get(uuid4(), key.id)
        with pytest.raises(errors.AlreadyExists):
            uow.api_keys.add(key)


def test_revoking_writes_version_two_and_frees_the_name(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    key = api_key(service.id, service.created_by, name="Live")
    revoked = key.revoke(now=later(hours=1))
    with new_uow() as uow:
        uow.api_keys.add(key)
        with pytest.raises(errors.AlreadyExists):  # two live keys may not share a name
            uow.api_keys.add(api_key(service.id, service.created_by, name="Live"))
        uow.api_keys.update(revoked)
        again = api_key(service.id, service.created_by, name="Live", created_at=later(hours=2))
        uow.api_keys.add(again)
        uow.commit()
    with new_uow() as uow:
        assert uow.api_keys.list_for_service(service.id) == [revoked, again]
        assert uow.api_keys.history_for_service(service.id) == [key, revoked, again]
        with pytest.raises(errors.ConcurrentUpdate):
            uow.api_keys.update(evolve(key, name="stale"))
        with pytest.raises(errors.ApiKeyNotFound):
            uow.api_keys.update(api_key(service.id, service.created_by, version=2))


def test_keys_of_other_services_are_not_listed(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    with new_uow() as uow:
        uow.api_keys.add(api_key(other.id, other.created_by))
        uow.commit()
    with new_uow() as uow:
        assert uow.api_keys.list_for_service(service.id) == []
        assert uow.api_keys.history_for_service(service.id) == []
