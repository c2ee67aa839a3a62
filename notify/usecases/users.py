"""Platform users: create and read (the rest of user administration builds on these)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.recipients import PhoneNumber, validate_email_address
from notify.domain.service import ServiceUser
from notify.domain.user import User

from .app import Notify


@frozen
class UserDetails:
    """A user with the services they belong to (and their permissions there)."""

    user: User
    memberships: Sequence[ServiceUser]


def create_user(notify: Notify, *, name: str, email_address: str, password: str,
                mobile_number: str | None = None, **details: Any) -> User:
    email_address = _valid_email(email_address)
    if mobile_number:
        _valid_mobile(mobile_number)
    now = notify.clock.now()
    user = User(id=notify.ids.new(), name=name, email_address=email_address, mobile_number=mobile_number,
                password_hash=notify.passwords.hash(password), created_at=now, password_changed_at=now, **details)
    with notify.uow() as uow:
        if uow.users.find_by_email(email_address) is not None:
            raise errors.InvalidRequest("An account with that email address already exists", field="email_address")
        uow.users.add(user)
        uow.commit()
    return user


def get_user(notify: Notify, user_id: UUID) -> UserDetails:
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        active = {s.id for s in uow.services.list(only_active=True, user_id=user_id)}
        memberships = [m for m in uow.service_users.list_for_user(user_id) if m.service_id in active]
        return UserDetails(user, memberships)


def _valid_email(email_address: str) -> str:
    try:
        return validate_email_address(email_address)
    except errors.InvalidRequest:
        raise errors.InvalidRequest("Not a valid email address", field="email_address") from None


def _valid_mobile(mobile_number: str) -> None:
    try:
        PhoneNumber.parse(mobile_number)
    except errors.InvalidRequest as exc:
        raise errors.InvalidRequest(f"Invalid phone number: {exc.message}", field="mobile_number") from None
