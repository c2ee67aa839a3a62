"""Services: the versioned service with its permissions, its guest list and its members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.service import GuestListEntry, Service, ServiceUser

from .. import rows as R
from .. import tables as t
from .base import SqlRepository, VersionedRepository
from .memberships import Grants, MembershipRepository


class SqlAlchemyServiceRepository(VersionedRepository[Service]):
    table, history_table, map = t.services, t.services_history, R.SERVICE
    not_found = errors.ServiceNotFound
    what = "service"

    def _history_row(self, obj: Service, row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "permissions": sorted(obj.permissions)}

    def _after_write(self, service: Service, *, new: bool) -> None:
        sp = t.service_permissions
        if not new:
            self._exec(sa.delete(sp).where(sp.c.service_id == service.id))
        if service.permissions:
            at = service.updated_at or service.created_at
            self._exec(sa.insert(sp), [{"service_id": service.id, "permission": p, "created_at": at}
                                       for p in sorted(service.permissions)])

    def _with_permissions(self, rows: Sequence[sa.Row[Any]]) -> list[Service]:
        if not rows:
            return []
        sp = t.service_permissions
        ids = [row.id for row in rows]
        granted: dict[UUID, set[str]] = defaultdict(set)
        for row in self._exec(sa.select(sp.c.service_id, sp.c.permission).where(sp.c.service_id.in_(ids))):
            granted[row.service_id].add(row.permission)
        return [self._obj(row, permissions=frozenset(granted[row.id])) for row in rows]

    def _select(self, *conditions: sa.ColumnElement[bool]) -> list[Service]:
        return self._with_permissions(list(self._exec(sa.select(self.table).where(*conditions))))

    def add(self, service: Service) -> None:
        self._add_versioned(service)

    def update(self, service: Service) -> None:
        self._update_versioned(service)

    def get(self, service_id: UUID) -> Service:
        found = self._select(self.table.c.id == service_id)
        if not found:
            raise self.not_found()
        return found[0]

    def find_by_name(self, name: str) -> Service | None:
        found = self._select(sa.func.lower(self.table.c.name) == name.lower())
        return found[0] if found else None

    def list(self, *, only_active: bool = False, user_id: UUID | None = None) -> Sequence[Service]:
        s = self.table
        statement = sa.select(s)
        if only_active:
            statement = statement.where(s.c.active.is_(True))
        if user_id is not None:
            uts = t.user_to_service
            statement = statement.where(s.c.id.in_(sa.select(uts.c.service_id).where(uts.c.user_id == user_id)))
        return self._with_permissions(list(self._exec(statement.order_by(s.c.created_at, s.c.id))))

    def search_by_name(self, fragment: str) -> Sequence[Service]:
        s = self.table
        statement = (sa.select(s)
                     .where(sa.func.lower(s.c.name).contains(fragment.lower(), autoescape=True))
                     .order_by(self._text_order(s.c.name)))
        return self._with_permissions(list(self._exec(statement)))

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[Service]:
        s = self.table
        statement = sa.select(s).where(s.c.organisation_id == organisation_id)
        return self._with_permissions(list(self._exec(statement.order_by(self._text_order(s.c.name), s.c.id))))

    def history(self, service_id: UUID) -> Sequence[Service]:
        h = self.history_table
        return [self._obj(row, permissions=frozenset(row.permissions or ()))
                for row in self._exec(sa.select(h).where(h.c.id == service_id).order_by(h.c.version))]


class SqlAlchemyGuestListRepository(SqlRepository[GuestListEntry]):
    table, map = t.service_whitelist, R.GUEST_LIST_ENTRY
    what = "guest list entry"

    def replace(self, service_id: UUID, entries: Sequence[GuestListEntry]) -> None:
        with self._session.savepoint():
            self._exec(sa.delete(self.table).where(self.table.c.service_id == service_id))
            if entries:
                self._exec(sa.insert(self.table), [{**self._row(e), "position": i} for i, e in enumerate(entries)])

    def list_for_service(self, service_id: UUID) -> Sequence[GuestListEntry]:
        w = self.table
        return self._all(sa.select(w).where(w.c.service_id == service_id).order_by(w.c.position))


class SqlAlchemyServiceUserRepository(MembershipRepository[ServiceUser]):
    table, owner = t.user_to_service, "service_id"
    grants = (Grants(t.permissions, "permission", "permissions"),
              Grants(t.user_folder_permissions, "template_folder_id", "folder_permissions"))
    what = "service user"

    def _no_member_to_update(self) -> errors.NotFound:
        return self.not_found()

    def _member(self, row: sa.Row[Any], granted: Mapping[str, frozenset[Any]]) -> ServiceUser:
        return ServiceUser(service_id=row.service_id, user_id=row.user_id, permissions=granted["permissions"],
                           folder_permissions=granted["folder_permissions"],
                           created_at=R.ROWS.structure(row.created_at, datetime) if row.created_at else None)

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceUser]:
        return sorted(self._of("service_id", service_id), key=_member_order)

    def list_for_user(self, user_id: UUID) -> Sequence[ServiceUser]:
        return sorted(self._of("user_id", user_id), key=_member_order)


def _member_order(member: ServiceUser) -> tuple[str, str]:
    return (str(member.service_id), str(member.user_id))
