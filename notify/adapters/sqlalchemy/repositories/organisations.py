"""Organisations with their email domains, and their members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.organisation import Organisation, OrganisationUser

from .. import rows as R
from .. import tables as t
from .base import SqlRepository
from .memberships import Grants, MembershipRepository


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


class SqlAlchemyOrganisationUserRepository(MembershipRepository[OrganisationUser]):
    table, owner = t.user_to_organisation, "organisation_id"
    grants = (Grants(t.organisation_user_permissions, "permission", "permissions"),)
    not_found = errors.UserNotFound
    what = "organisation user"

    def _member(self, row: sa.Row[Any], granted: Mapping[str, frozenset[Any]]) -> OrganisationUser:
        return OrganisationUser(organisation_id=row.organisation_id, user_id=row.user_id,
                                permissions=granted["permissions"], created_at=row.created_at)

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[OrganisationUser]:
        return sorted(self._of("organisation_id", organisation_id), key=lambda m: str(m.user_id))

    def list_for_user(self, user_id: UUID) -> Sequence[OrganisationUser]:
        return sorted(self._of("user_id", user_id), key=lambda m: str(m.organisation_id))
