"""Users (platform accounts)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.user import User

from .base import MemoryRepository


class InMemoryUserRepository(MemoryRepository[User]):
    table_name = "users"
    not_found = errors.UserNotFound

    def add(self, user: User) -> None:
        self._insert(user.id, user, lambda u: u.email_address.lower() == user.email_address.lower(), "user")

    def update(self, user: User) -> None:
        self._replace(user.id, user, lambda u: u.email_address.lower() == user.email_address.lower())

    def get(self, user_id: UUID) -> User:
        return self._get(user_id)

    def find_by_email(self, email_address: str) -> User | None:
        wanted = email_address.lower()
        return next((u for u in self._rows.values() if u.email_address.lower() == wanted), None)

    def list(self, user_ids: Sequence[UUID] | None = None) -> Sequence[User]:
        rows: Iterable[User] = self._rows.values()
        if user_ids is not None:
            wanted = set(user_ids)
            rows = (u for u in rows if u.id in wanted)
        return sorted(rows, key=lambda u: (u.created_at, u.id))
