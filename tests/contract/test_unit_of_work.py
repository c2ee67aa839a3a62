"""Transactions: nothing persists without commit(); an exception rolls back; work after commit needs another."""

from __future__ import annotations

import pytest

from notify.domain import errors

from .helpers import NewUow, add_user
from tests import factories


def test_nothing_persists_without_commit(new_uow: NewUow) -> None:
    user = factories.user()
    with new_uow() as uow:
        uow.users.add(user)
        assert uow.users.get(user.id) == user  # visible inside its own transaction
    with new_uow() as uow, pytest.raises(errors.UserNotFound):
        uow.users.get(user.id)


def test_exception_inside_uow_rolls_back(new_uow: NewUow) -> None:
    user = factories.user()
    with pytest.raises(RuntimeError), new_uow() as uow:
        uow.users.add(user)
        raise RuntimeError("boom")
    with new_uow() as uow:
        assert uow.users.find_by_email(user.email_address) is None


def test_writes_after_commit_need_another_commit(new_uow: NewUow) -> None:
    first, second = factories.user(), factories.user()
    with new_uow() as uow:
        uow.users.add(first)
        uow.commit()
        uow.users.add(second)
    with new_uow() as uow:
        assert uow.users.get(first.id) == first
        assert uow.users.find_by_email(second.email_address) is None


def test_a_refused_write_leaves_the_transaction_usable(new_uow: NewUow) -> None:
    existing = add_user(new_uow)
    fresh = factories.user()
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.users.add(factories.user(email_address=existing.email_address))
        uow.users.add(fresh)
        uow.commit()
    with new_uow() as uow:
        assert uow.users.get(fresh.id) == fresh


def test_unit_of_work_can_be_used_again(new_uow: NewUow) -> None:
    uow = new_uow()
    user = factories.user()
    with uow:
        uow.users.add(user)
        uow.commit()
    with uow:
        assert uow.users.get(user.id) == user
