"""A user a request names (who made or asked for something) must exist: otherwise a 400 naming the id."""

from __future__ import annotations

from uuid import UUID

from notify.domain import errors
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork


def named_user(uow: UnitOfWork, user_id: UUID, *, field: str | None = None) -> User:
    try:
        return uow.users.get(user_id)
    except errors.UserNotFound:
        raise errors.InvalidRequest(f"No user found with id {user_id}", field=field) from None
