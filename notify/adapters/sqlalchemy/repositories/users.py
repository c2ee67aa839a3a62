"""Users (platform accounts)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.user import User

from .. import rows as R
from .. import tables as t
from .base import SqlRepository


class SqlAlchemyUserRepository(SqlRepository[User]):
    table, map = t.users, R.USER
    not_found = errors.UserNotFound
    what = "user"

    def add(self, user: User) -> None:
        self._insert(user)

    def update(self, user: User) -> None:
        self._replace(user.id, user)

    def get(self, user_id: UUID) -> User:
        return self._get_by_id(user_id)

    def find_by_email(self, email_address: str) -> User | None:
        u = self.table
        return self._one_or_none(sa.select(u).where(sa.func.lower(u.c.email_address) == email_address.lower()))

    def list(self, user_ids: Sequence[UUID] | None = None) -> Sequence[User]:
        u = self.table
        statement = sa.select(u)
        if user_ids is not None:
            if not user_ids:
                return []
            statement = statement.where(u.c.id.in_(list(user_ids)))
        return self._all(statement.order_by(u.c.created_at, u.c.id))
