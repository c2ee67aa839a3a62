"""Services: the versioned service with its permissions, its guest list and its members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.service import GuestListEntry, Service, ServiceUser

from .. import rows as R
from .. import tables as t
from .base import SqlRepository, VersionedRepository


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


class SqlAlchemyServiceUserRepository(SqlRepository[ServiceUser]):
    table = t.user_to_service
    what = "service user"

    def _write_permissions(self, member: ServiceUser) -> None:
        keys = {"service_id": member.service_id, "user_id": member.user_id}
        if member.permissions:
            self._exec(sa.insert(t.permissions), [{**keys, "permission": p} for p in sorted(member.permissions)])
        if member.folder_permissions:
            self._exec(sa.insert(t.user_folder_permissions),
                       [{**keys, "template_folder_id": f} for f in sorted(member.folder_permissions)])

    def _delete_permissions(self, service_id: UUID, user_id: UUID) -> None:
        for table in (t.permissions, t.user_folder_permissions):
            self._exec(sa.delete(table).where(table.c.service_id == service_id, table.c.user_id == user_id))

    def add(self, member: ServiceUser) -> None:
        with self._session.savepoint():
            self._exec(sa.insert(self.table), {"service_id": member.service_id, "user_id": member.user_id,
                                               "created_at": member.created_at})
            self._write_permissions(member)

    def update(self, member: ServiceUser) -> None:
        u = self.table
        with self._session.savepoint():
            result = self._exec(sa.update(u).where(u.c.service_id == member.service_id, u.c.user_id == member.user_id)
                                .values(created_at=member.created_at))
            if result.rowcount == 0:
                raise self.not_found()
            self._delete_permissions(member.service_id, member.user_id)
            self._write_permissions(member)

    def remove(self, service_id: UUID, user_id: UUID) -> None:
        u = self.table
        with self._session.savepoint():
            self._delete_permissions(service_id, user_id)
            result = self._exec(sa.delete(u).where(u.c.service_id == service_id, u.c.user_id == user_id))
            if result.rowcount == 0:
                raise errors.UserNotFound("User not found")

    def _members(self, *conditions: sa.ColumnElement[bool]) -> list[ServiceUser]:
        u, p, f = self.table, t.permissions, t.user_folder_permissions
        memberships = list(self._exec(sa.select(u).where(*conditions)))
        if not memberships:
            return []
        keys = [(m.service_id, m.user_id) for m in memberships]
        perms: dict[tuple[UUID, UUID], set[str]] = defaultdict(set)
        folders: dict[tuple[UUID, UUID], set[UUID]] = defaultdict(set)
        services = {k[0] for k in keys}
        users = {k[1] for k in keys}
        for row in self._exec(sa.select(p).where(p.c.service_id.in_(services), p.c.user_id.in_(users))):
            perms[(row.service_id, row.user_id)].add(row.permission)
        for row in self._exec(sa.select(f).where(f.c.service_id.in_(services), f.c.user_id.in_(users))):
            folders[(row.service_id, row.user_id)].add(row.template_folder_id)
        members = [ServiceUser(service_id=m.service_id, user_id=m.user_id, permissions=frozenset(perms[k]),
                               folder_permissions=frozenset(folders[k]),
                               created_at=R.ROWS.structure(m.created_at, datetime) if m.created_at else None)
                   for m, k in zip(memberships, keys, strict=True)]
        return sorted(members, key=lambda m: (str(m.service_id), str(m.user_id)))

    def find(self, service_id: UUID, user_id: UUID) -> ServiceUser | None:
        u = self.table
        found = self._members(u.c.service_id == service_id, u.c.user_id == user_id)
        return found[0] if found else None

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceUser]:
        return self._members(self.table.c.service_id == service_id)

    def list_for_user(self, user_id: UUID) -> Sequence[ServiceUser]:
        return self._members(self.table.c.user_id == user_id)
