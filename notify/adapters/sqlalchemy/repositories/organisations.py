"""Organisations with their email domains, and their members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.organisation import Organisation, OrganisationUser

from .. import rows as R
from .. import tables as t
from .base import SqlRepository


class SqlAlchemyOrganisationRepository(SqlRepository[Organisation]):
    table, map = t.organisation, R.ORGANISATION
    not_found = errors.OrganisationNotFound
    what = "organisation"

    def _write_domains(self, organisation: Organisation) -> None:
        if organisation.domains:
            self._exec(sa.insert(t.domain), [{"domain": d, "organisation_id": organisation.id}
                                             for d in sorted(organisation.domains)])

    def _with_domains(self, rows: Sequence[sa.Row[Any]]) -> list[Organisation]:
        if not rows:
            return []
        d = t.domain
        domains: dict[UUID, set[str]] = defaultdict(set)
        for row in self._exec(sa.select(d).where(d.c.organisation_id.in_([r.id for r in rows]))):
            domains[row.organisation_id].add(row.domain)
        return [self._obj(row, domains=frozenset(domains[row.id])) for row in rows]

    def add(self, organisation: Organisation) -> None:
        with self._session.savepoint():
            self._exec(sa.insert(self.table), self._row(organisation))
            self._write_domains(organisation)

    def update(self, organisation: Organisation) -> None:
        o = self.table
        with self._session.savepoint():
            result = self._exec(sa.update(o).where(o.c.id == organisation.id).values(self._row(organisation)))
            if result.rowcount == 0:
                raise self.not_found()
            self._exec(sa.delete(t.domain).where(t.domain.c.organisation_id == organisation.id))
            self._write_domains(organisation)

    def get(self, organisation_id: UUID) -> Organisation:
        found = self._with_domains(list(self._exec(sa.select(self.table).where(self.table.c.id == organisation_id))))
        if not found:
            raise self.not_found()
        return found[0]

    def list(self) -> Sequence[Organisation]:
        o = self.table
        return self._with_domains(list(self._exec(sa.select(o).order_by(self._text_order(o.c.name)))))


class SqlAlchemyOrganisationUserRepository(SqlRepository[OrganisationUser]):
    table = t.user_to_organisation
    not_found = errors.UserNotFound
    what = "organisation user"

    def _write_permissions(self, member: OrganisationUser) -> None:
        if member.permissions:
            self._exec(sa.insert(t.organisation_user_permissions),
                       [{"organisation_id": member.organisation_id, "user_id": member.user_id, "permission": p}
                        for p in sorted(member.permissions)])

    def _delete_permissions(self, organisation_id: UUID, user_id: UUID) -> None:
        p = t.organisation_user_permissions
        self._exec(sa.delete(p).where(p.c.organisation_id == organisation_id, p.c.user_id == user_id))

    def add(self, member: OrganisationUser) -> None:
        with self._session.savepoint():
            self._exec(sa.insert(self.table), {"organisation_id": member.organisation_id,
                                               "user_id": member.user_id, "created_at": member.created_at})
            self._write_permissions(member)

    def update(self, member: OrganisationUser) -> None:
        u = self.table
        with self._session.savepoint():
            result = self._exec(sa.update(u).where(u.c.organisation_id == member.organisation_id,
                                                   u.c.user_id == member.user_id)
                                .values(created_at=member.created_at))
            if result.rowcount == 0:
                raise errors.UserNotFound("User not found")
            self._delete_permissions(member.organisation_id, member.user_id)
            self._write_permissions(member)

    def remove(self, organisation_id: UUID, user_id: UUID) -> None:
        u = self.table
        with self._session.savepoint():
            self._delete_permissions(organisation_id, user_id)
            result = self._exec(sa.delete(u).where(u.c.organisation_id == organisation_id, u.c.user_id == user_id))
            if result.rowcount == 0:
                raise errors.UserNotFound("User not found")

    def _members(self, *conditions: sa.ColumnElement[bool]) -> list[OrganisationUser]:
        u, p = self.table, t.organisation_user_permissions
        memberships = list(self._exec(sa.select(u).where(*conditions)))
        if not memberships:
            return []
        organisations = {m.organisation_id for m in memberships}
        users = {m.user_id for m in memberships}
        perms: dict[tuple[UUID, UUID], set[str]] = defaultdict(set)
        for row in self._exec(sa.select(p).where(p.c.organisation_id.in_(organisations), p.c.user_id.in_(users))):
            perms[(row.organisation_id, row.user_id)].add(row.permission)
        return [OrganisationUser(organisation_id=m.organisation_id, user_id=m.user_id,
                                 permissions=frozenset(perms[(m.organisation_id, m.user_id)]),
                                 created_at=m.created_at)
                for m in memberships]

    def find(self, organisation_id: UUID, user_id: UUID) -> OrganisationUser | None:
        u = self.table
        found = self._members(u.c.organisation_id == organisation_id, u.c.user_id == user_id)
        return found[0] if found else None

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[OrganisationUser]:
        return sorted(self._members(self.table.c.organisation_id == organisation_id), key=lambda m: str(m.user_id))

    def list_for_user(self, user_id: UUID) -> Sequence[OrganisationUser]:
        return sorted(self._members(self.table.c.user_id == user_id), key=lambda m: str(m.organisation_id))
