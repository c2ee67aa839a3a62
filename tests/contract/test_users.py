from __future__ import annotations

import pytest
from uuid import uuid4

from attrs import evolve

from notify.domain import errors
from notify.domain.constants import AuthType, UserState
from tests import factories
from tests.fakes import T0

from .helpers import NewUow, add_user, later


def test_user_round_trips_unchanged(new_uow: NewUow) -> None:
    user = factories.user(mobile_number="+447700900123", auth_type=AuthType.EMAIL, platform_admin=True,
                          state=UserState.PENDING, failed_login_count=3, logged_in_at=later(hours=1),
                          current_session_id=uuid4(), take_part_in_research=False)
    with new_uow() as uow:
        uow.users.add(user)
        uow.commit()
    with new_uow() as uow:
        assert uow.users.get(user.id) == user


def test_unknown_user_raises_not_found(new_uow: NewUow) -> None:
    with new_uow() as uow, pytest.raises(errors.UserNotFound):
        uow.users.get(uuid4())


def test_same_id_twice_raises_already_exists(new_uow: NewUow) -> None:
    user = add_user(new_uow)
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.users.add(factories.user(id=user.id))


def test_email_addresses_are_unique_whatever_their_case(new_uow: NewUow) -> None:
    user = add_user(new_uow, email_address="Someone@Example.gov.uk")
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.users.add(factories.user(email_address="someone@example.GOV.uk"))
    other = add_user(new_uow)
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.users.update(evolve(other, email_address=user.email_address.upper()))


def test_find_by_email_ignores_case(new_uow: NewUow) -> None:
    user = add_user(new_uow, email_address="Mixed.Case@example.gov.uk")
    with new_uow() as uow:
        assert uow.users.find_by_email("mixed.case@EXAMPLE.gov.uk") == user
        assert uow.users.find_by_email("nobody@example.gov.uk") is None


def test_update_replaces_and_unknown_update_raises(new_uow: NewUow) -> None:
    user = add_user(new_uow)
    changed = user.logged_in(now=later(days=1))
    with new_uow() as uow:
        uow.users.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.users.get(user.id) == changed
        with pytest.raises(errors.UserNotFound):
            uow.users.update(factories.user())


def test_list_orders_by_creation_and_filters_by_id(new_uow: NewUow) -> None:
    late = add_user(new_uow, created_at=later(hours=2))
    early = add_user(new_uow, created_at=T0)
    with new_uow() as uow:
        assert uow.users.list() == [early, late]
        assert uow.users.list([late.id]) == [late]
        assert uow.users.list([]) == []
