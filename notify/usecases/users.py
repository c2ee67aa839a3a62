"""Platform users: create and read (the rest of user administration builds on these)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from notify.domain import errors
from notify.domain.recipients import validate_email_address
from notify.domain.user import User

from .app import Notify


def create_user(notify: Notify, *, name: str, email_address: str, password: str, **details: Any) -> User:
    email_address = _valid_email(email_address)
    user = User(id=notify.ids.new(), name=name, email_address=email_address,
                password_hash=notify.passwords.hash(password), created_at=notify.clock.now(),
                password_changed_at=notify.clock.now(), **details)
    with notify.uow() as uow:
        if uow.users.find_by_email(email_address) is not None:
            raise errors.InvalidRequest("An account with that email address already exists", field="email_address")
        uow.users.add(user)
        uow.commit()
    return user


def get_user(notify: Notify, user_id: UUID) -> User:
    with notify.uow() as uow:
        return uow.users.get(user_id)


def _valid_email(email_address: str) -> str:
    try:
        return validate_email_address(email_address)
    except errors.InvalidRequest:
        raise errors.InvalidRequest("Not a valid email address", field="email_address") from None
