"""What a service's and an organisation's members share: one row per (owner, user), grants held on the row."""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from notify.domain import errors

from .base import MemoryRepository

M = TypeVar("M")


class MembershipRepository(MemoryRepository[M]):
    owner: str  # the member's attribute naming its service or organisation
    what: str

    def _key(self, member: M) -> tuple[UUID, UUID]:
        return (getattr(member, self.owner), getattr(member, "user_id"))

    def _no_member_to_update(self) -> errors.NotFound:
        return errors.UserNotFound("User not found")

    def add(self, member: M) -> None:
        self._insert(self._key(member), member, what=self.what)

    def update(self, member: M) -> None:
        if self._key(member) not in self._rows:
            raise self._no_member_to_update()
        self._session.put(self.table_name, self._key(member), member)

    def remove(self, owner_id: UUID, user_id: UUID) -> None:
        if (owner_id, user_id) not in self._rows:
            raise errors.UserNotFound("User not found")
        self._session.delete(self.table_name, (owner_id, user_id))

    def find(self, owner_id: UUID, user_id: UUID) -> M | None:
        return self._rows.get((owner_id, user_id))

    def _of(self, attribute: str, key: Any) -> list[M]:
        return [m for m in self._rows.values() if getattr(m, attribute) == key]
