"""What a service's and an organisation's members share: a membership row keyed (owner, user) and the
member's grants, one table per kind of grant, written afresh on every update."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar
from uuid import UUID

import sqlalchemy as sa
from attrs import AttrsInstance, frozen

from notify.domain import errors

from .base import SqlRepository

M = TypeVar("M", bound=AttrsInstance)


@frozen
class Grants:
    """One kind of grant: its table, the table's value column and the member's set-valued attribute."""

    table: sa.Table
    column: str
    attribute: str


class MembershipRepository(SqlRepository[M]):
    owner: str  # the owner's id column (and the member's attribute of the same name)
    grants: tuple[Grants, ...]

    def _member(self, row: sa.Row[Any], granted: Mapping[str, frozenset[Any]]) -> M:
        raise NotImplementedError

    def _no_member_to_update(self) -> errors.NotFound:
        return errors.UserNotFound("User not found")

    def _is(self, table: sa.Table, owner_id: UUID, user_id: UUID) -> sa.ColumnElement[bool]:
        return sa.and_(table.c[self.owner] == owner_id, table.c.user_id == user_id)

    def _write_grants(self, member: M) -> None:
        keys = {self.owner: getattr(member, self.owner), "user_id": getattr(member, "user_id")}
        for grant in self.grants:
            values = getattr(member, grant.attribute)
            if values:
                self._exec(sa.insert(grant.table), [{**keys, grant.column: v} for v in sorted(values)])

    def _delete_grants(self, owner_id: UUID, user_id: UUID) -> None:
        for grant in self.grants:
            self._exec(sa.delete(grant.table).where(self._is(grant.table, owner_id, user_id)))

    def add(self, member: M) -> None:
        with self._session.savepoint():
            self._exec(sa.insert(self.table), {self.owner: getattr(member, self.owner),
                                               "user_id": getattr(member, "user_id"),
                                               "created_at": getattr(member, "created_at")})
            self._write_grants(member)

    def update(self, member: M) -> None:
        owner_id, user_id = getattr(member, self.owner), getattr(member, "user_id")
        with self._session.savepoint():
            result = self._exec(sa.update(self.table).where(self._is(self.table, owner_id, user_id))
                                .values(created_at=getattr(member, "created_at")))
            if result.rowcount == 0:
                raise self._no_member_to_update()
            self._delete_grants(owner_id, user_id)
            self._write_grants(member)

    def remove(self, owner_id: UUID, user_id: UUID) -> None:
        with self._session.savepoint():
            self._delete_grants(owner_id, user_id)
            if self._exec(sa.delete(self.table).where(self._is(self.table, owner_id, user_id))).rowcount == 0:
                raise errors.UserNotFound("User not found")

    def _members(self, *conditions: sa.ColumnElement[bool]) -> list[M]:
        memberships = list(self._exec(sa.select(self.table).where(*conditions)))
        if not memberships:
            return []
        owners = {getattr(m, self.owner) for m in memberships}
        users = {m.user_id for m in memberships}
        granted: dict[tuple[UUID, UUID], dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
        for grant in self.grants:
            g = grant.table
            for row in self._exec(sa.select(g).where(g.c[self.owner].in_(owners), g.c.user_id.in_(users))):
                granted[(getattr(row, self.owner), row.user_id)][grant.attribute].add(getattr(row, grant.column))
        members = []
        for m in memberships:
            mine = granted[(getattr(m, self.owner), m.user_id)]
            members.append(self._member(m, {grant.attribute: frozenset(mine[grant.attribute]) for grant in self.grants}))
        return members

    def find(self, owner_id: UUID, user_id: UUID) -> M | None:
        found = self._members(self._is(self.table, owner_id, user_id))
        return found[0] if found else None

    def _of(self, column: str, key: UUID) -> Sequence[M]:
        return self._members(self.table.c[column] == key)
