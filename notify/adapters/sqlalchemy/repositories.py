"""SQL repositories over SQLAlchemy Core. Each behaves exactly as its in-memory twin (the contract suite runs
both): same errors, same ordering. Writes that may break a unique rule run in a SAVEPOINT, so a refused write
leaves the transaction usable, as it does in memory. Versioned aggregates update with
`WHERE version = new - 1`: a concurrent writer finds no row and gets ConcurrentUpdate, never a lost version."""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.api_key import ApiKey
from notify.domain.branding import EmailBranding, LetterBranding
from notify.domain.callback_api import ServiceCallbackApi
from notify.domain.constants import JobStatus, KeyType, NotificationStatus, NotificationType
from notify.domain.inbound_sms import InboundSms
from notify.domain.job import Job
from notify.domain.notification import Handover, Notification, StatusChange
from notify.domain.organisation import Organisation, OrganisationUser
from notify.domain.provider import ProviderDetails
from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender
from notify.domain.service import GuestListEntry, Service, ServiceUser
from notify.domain.statistics import Period, StatusCount
from notify.domain.template import Template
from notify.domain.user import User

from . import rows as R
from . import tables as t

if TYPE_CHECKING:
    from .unit_of_work import SqlAlchemyUnitOfWork

T = TypeVar("T")
INSERT_BATCH = 1000
FEW_ROWS = 64  # a group commit's sends in one JSON parameter (add_counted) up to this many, else a COPY


class _Repo(Generic[T]):
    table: sa.Table
    map: R.RowMap[T]
    not_found: type[errors.NotFound] = errors.NotFound
    what = "record"

    def __init__(self, uow: SqlAlchemyUnitOfWork) -> None:
        self._uow = uow

    # -- helpers --------------------------------------------------------------------------------------
    def _exec(self, statement: sa.Executable, params: Any = None) -> sa.CursorResult[Any]:
        return self._uow.execute(statement, params, what=self.what)

    def _text_order(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        """Order strings by code point, as Python's sort does (PostgreSQL's locale collation would not)."""
        return column.collate("C") if self._uow.dialect == "postgresql" else column

    def _row(self, obj: T) -> dict[str, Any]:
        return self.map.to_row(obj, self._uow.cipher)

    def _obj(self, row: sa.Row[Any], **extra: Any) -> T:
        return self.map.from_row(row._mapping, self._uow.cipher, **extra)

    def _all(self, statement: sa.Select[Any]) -> list[T]:
        result = self._exec(statement)
        read = self.map.reader(list(result.keys()), self._uow.cipher)
        return [read(row) for row in result.all()]

    def _one_or_none(self, statement: sa.Select[Any]) -> T | None:
        found = self._all(statement)
        return found[0] if found else None

    def _get_by_id(self, key: UUID, *conditions: sa.ColumnElement[bool]) -> T:
        found = self._one_or_none(sa.select(self.table).where(self.table.c.id == key, *conditions))
        if found is None:
            raise self.not_found()
        return found

    def _insert(self, obj: T) -> None:
        with self._uow.savepoint():
            self._exec(sa.insert(self.table), self._row(obj))

    def _replace(self, key: UUID, obj: T) -> None:
        with self._uow.savepoint():
            result = self._exec(sa.update(self.table).where(self.table.c.id == key).values(self._row(obj)))
            if result.rowcount == 0:
                raise self.not_found()


class _Versioned(_Repo[T]):
    """Current rows in `table`, every version (written once, never changed) in `history`."""

    history_table: sa.Table

    def _history_row(self, obj: T, row: dict[str, Any]) -> dict[str, Any]:
        return row

    def _add_versioned(self, obj: T) -> None:
        row = self._row(obj)
        with self._uow.savepoint():
            self._exec(sa.insert(self.table), row)
            self._exec(sa.insert(self.history_table), self._history_row(obj, row))
            self._after_write(obj, new=True)

    def _update_versioned(self, obj: T) -> None:
        row = self._row(obj)
        key, version = getattr(obj, "id"), getattr(obj, "version")
        with self._uow.savepoint():
            result = self._exec(
                sa.update(self.table)
                .where(self.table.c.id == key, self.table.c.version == version - 1)
                .values(row))
            if result.rowcount == 0:
                exists = self._exec(sa.select(self.table.c.id).where(self.table.c.id == key)).first()
                raise errors.ConcurrentUpdate() if exists else self.not_found()
            self._exec(sa.insert(self.history_table), self._history_row(obj, row))
            self._after_write(obj, new=False)

    def _after_write(self, obj: T, *, new: bool) -> None:
        pass

    def _history(self, *conditions: sa.ColumnElement[bool], order: Sequence[Any]) -> list[T]:
        return [self._obj(row) for row in self._exec(sa.select(self.history_table).where(*conditions).order_by(*order))]


# -- services -----------------------------------------------------------------------------------------

class SqlAlchemyServiceRepository(_Versioned[Service]):
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
        for service_id, permission in self._exec(
                sa.select(sp.c.service_id, sp.c.permission).where(sp.c.service_id.in_(ids))):
            granted[service_id].add(permission)
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



class SqlAlchemyGuestListRepository(_Repo[GuestListEntry]):
    table, map = t.service_whitelist, R.GUEST_LIST_ENTRY
    what = "guest list entry"

    def replace(self, service_id: UUID, entries: Sequence[GuestListEntry]) -> None:
        with self._uow.savepoint():
            self._exec(sa.delete(self.table).where(self.table.c.service_id == service_id))
            if entries:
                self._exec(sa.insert(self.table), [{**self._row(e), "position": i} for i, e in enumerate(entries)])

    def list_for_service(self, service_id: UUID) -> Sequence[GuestListEntry]:
        w = self.table
        return self._all(sa.select(w).where(w.c.service_id == service_id).order_by(w.c.position))


class SqlAlchemyServiceUserRepository(_Repo[ServiceUser]):
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
        with self._uow.savepoint():
            self._exec(sa.insert(self.table), {"service_id": member.service_id, "user_id": member.user_id,
                                               "created_at": member.created_at})
            self._write_permissions(member)

    def update(self, member: ServiceUser) -> None:
        u = self.table
        with self._uow.savepoint():
            result = self._exec(sa.update(u).where(u.c.service_id == member.service_id, u.c.user_id == member.user_id)
                                .values(created_at=member.created_at))
            if result.rowcount == 0:
                raise self.not_found()
            self._delete_permissions(member.service_id, member.user_id)
            self._write_permissions(member)

    def remove(self, service_id: UUID, user_id: UUID) -> None:
        u = self.table
        with self._uow.savepoint():
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


class SqlAlchemyUserRepository(_Repo[User]):
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


class SqlAlchemyOrganisationRepository(_Repo[Organisation]):
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
        with self._uow.savepoint():
            self._exec(sa.insert(self.table), self._row(organisation))
            self._write_domains(organisation)

    def update(self, organisation: Organisation) -> None:
        o = self.table
        with self._uow.savepoint():
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


class SqlAlchemyOrganisationUserRepository(_Repo[OrganisationUser]):
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
        with self._uow.savepoint():
            self._exec(sa.insert(self.table), {"organisation_id": member.organisation_id,
                                               "user_id": member.user_id, "created_at": member.created_at})
            self._write_permissions(member)

    def update(self, member: OrganisationUser) -> None:
        u = self.table
        with self._uow.savepoint():
            result = self._exec(sa.update(u).where(u.c.organisation_id == member.organisation_id,
                                                   u.c.user_id == member.user_id)
                                .values(created_at=member.created_at))
            if result.rowcount == 0:
                raise errors.UserNotFound("User not found")
            self._delete_permissions(member.organisation_id, member.user_id)
            self._write_permissions(member)

    def remove(self, organisation_id: UUID, user_id: UUID) -> None:
        u = self.table
        with self._uow.savepoint():
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


# -- templates and api keys ---------------------------------------------------------------------------

class SqlAlchemyTemplateRepository(_Versioned[Template]):
    table, history_table, map = t.templates, t.templates_history, R.TEMPLATE
    not_found = errors.TemplateNotFound
    what = "template"

    def add(self, template: Template) -> None:
        self._add_versioned(template)

    def update(self, template: Template) -> None:
        self._update_versioned(template)

    def get(self, service_id: UUID, template_id: UUID) -> Template:
        return self._get_by_id(template_id, self.table.c.service_id == service_id)

    def get_version(self, service_id: UUID, template_id: UUID, version: int) -> Template:
        h = self.history_table
        found = self._one_or_none(sa.select(h).where(h.c.id == template_id, h.c.version == version,
                                                     h.c.service_id == service_id))
        if found is None:
            raise self.not_found()
        return found

    def versions(self, service_id: UUID, template_id: UUID) -> Sequence[Template]:
        h = self.history_table
        return self._history(h.c.id == template_id, h.c.service_id == service_id, order=[h.c.version.desc()])

    def list_for_service(self, service_id: UUID, *, template_type: NotificationType | None = None,
                         include_archived: bool = False) -> Sequence[Template]:
        tt = self.table
        statement = sa.select(tt).where(tt.c.service_id == service_id)
        if not include_archived:
            statement = statement.where(tt.c.archived.is_(False))
        if template_type is not None:
            statement = statement.where(tt.c.template_type == NotificationType(template_type).value)
        return self._all(statement.order_by(self._text_order(tt.c.name), tt.c.template_type, tt.c.id))

    def history_for_service(self, service_id: UUID) -> Sequence[Template]:
        h = self.history_table
        return self._history(h.c.service_id == service_id, order=[h.c.created_at, h.c.id, h.c.version])


class SqlAlchemyApiKeyRepository(_Versioned[ApiKey]):
    table, history_table, map = t.api_keys, t.api_keys_history, R.API_KEY
    not_found = errors.ApiKeyNotFound
    what = "api key"

    def add(self, key: ApiKey) -> None:
        self._add_versioned(key)

    def update(self, key: ApiKey) -> None:
        self._update_versioned(key)

    def get(self, service_id: UUID, key_id: UUID) -> ApiKey:
        return self._get_by_id(key_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        k = self.table
        return self._all(sa.select(k).where(k.c.service_id == service_id).order_by(k.c.created_at, k.c.id))

    def history_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        h = self.history_table
        return self._history(h.c.service_id == service_id, order=[h.c.created_at, h.c.id, h.c.version])


# -- notifications and jobs ---------------------------------------------------------------------------

class SqlAlchemyNotificationRepository(_Repo[Notification]):
    table, map = t.notifications, R.NOTIFICATION
    not_found = errors.NotificationNotFound
    what = "notification"

    def add(self, notification: Notification) -> None:
        """The send hot path: one round trip (no SAVEPOINT); a duplicate id is skipped by the server and
        reported as AlreadyExists, leaving the transaction usable."""
        statement = _insert_or_skip(self._uow.dialect, self.table)
        if self._exec(statement, self._row(notification)).first() is None:  # RETURNING: rowcount is unreliable
            raise errors.AlreadyExists(f"{self.what} {notification.id} already exists")

    def add_many(self, notifications: Sequence[Notification]) -> None:
        """All or none. PostgreSQL: one COPY (jobs; sends go through add_counted), no SAVEPOINT: after
        AlreadyExists the transaction is spoilt and must be left. Elsewhere batched INSERTs."""
        if not notifications:
            return
        if self._uow.dialect == "postgresql":
            cipher = self._uow.cipher
            names = list(self.map.columns.values())
            self._uow.copy_rows(self.table, names, (self.map.to_values(n, cipher) for n in notifications),
                                what=self.what)
            return
        insert = sa.insert(self.table)
        with self._uow.savepoint():
            for start in range(0, len(notifications), INSERT_BATCH):
                self._exec(insert, [self._row(n) for n in notifications[start:start + INSERT_BATCH]])

    def add_counted(self, notifications: Sequence[Notification],
                    increments: Sequence[tuple[str, datetime, int]]) -> Sequence[int]:
        """PostgreSQL, for a group commit's few: the inserts (one JSON parameter: a row costs no binding of its
        own) and the counter upsert in one statement, so one round trip and one socket wait; under load each
        wait is also a wait for the GIL, and this is the leader's critical path. Elsewhere the two steps."""
        if not (self._uow.dialect == "postgresql" and notifications and increments
                and len(notifications) <= FEW_ROWS):
            self.add_many(notifications)
            return self._uow.counters.increment_many(increments)
        columns = tuple(self.map.columns.values())
        rows = json.dumps([dict(zip(columns, self.map.to_values(n, self._uow.cipher))) for n in notifications],
                          default=str)  # UUIDs and datetimes as PostgreSQL reads them
        return self._uow.counters.increment_many(increments, along=(
            _pg_insert_json(self.table.name, columns), rows))

    def remove_many(self, notification_ids: Collection[UUID]) -> None:
        if notification_ids:
            self._exec(sa.delete(self.table).where(self.table.c.id.in_(list(notification_ids))))

    def update(self, notification: Notification) -> None:
        n = self.table
        result = self._exec(sa.update(n).where(n.c.id == notification.id).values(self._row(notification)))
        if result.rowcount == 0:
            raise self.not_found()

    def get(self, service_id: UUID, notification_id: UUID) -> Notification:
        return self._get_by_id(notification_id, self.table.c.service_id == service_id)

    def find(self, notification_id: UUID) -> Notification | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == notification_id))

    def list_for_service(
        self,
        service_id: UUID,
        *,
        statuses: Sequence[NotificationStatus] | None = None,
        notification_types: Sequence[NotificationType] | None = None,
        key_type: str | None = None,
        client_reference: str | None = None,
        older_than: UUID | None = None,
        include_jobs: bool = True,
        limit: int = 250,
    ) -> Sequence[Notification]:
        if limit <= 0 or (statuses is not None and not statuses) or \
                (notification_types is not None and not notification_types):
            return []
        params: dict[str, Any] = {"service_id": service_id, "limit": limit}
        if older_than is not None:
            anchor = self._exec(_ANCHOR, {"id": older_than, "service_id": service_id}).first()
            if anchor is None:
                return []
            params["before"] = anchor.created_at
        if statuses is not None:
            params["statuses"] = [_text(x) for x in statuses]
        if notification_types is not None:
            params["types"] = [_text(x) for x in notification_types]
        if key_type is not None:
            params["key_type"] = _text(key_type)
        if client_reference is not None:
            params["client_reference"] = client_reference
        shape = (*sorted(params), include_jobs)
        statement = _PAGES.get(shape)
        if statement is None:
            statement = _PAGES[shape] = _page_statement(set(params), include_jobs)
        result = self._exec(statement, params)
        read = self.map.reader(list(result.keys()), self._uow.cipher)
        return [read(row) for row in result.all()]

    def status_counts(self, periods: Sequence[Period], *, service_ids: Sequence[UUID] | None = None,
                      include_test_key: bool = False) -> Sequence[StatusCount]:
        """One GROUP BY per period, sent as one statement (UNION ALL); nothing but the counts comes back."""
        if not periods or (service_ids is not None and not service_ids):
            return []
        n = self.table
        selects = []
        for period in periods:
            statement = (
                sa.select(n.c.service_id, sa.literal(period.label, sa.String).label("period"), n.c.notification_type,
                          n.c.notification_status, sa.func.count().label("count"))
                .where(n.c.created_at >= period.start, n.c.created_at < period.end)
                .group_by(n.c.service_id, n.c.notification_type, n.c.notification_status))
            if service_ids is not None:
                statement = statement.where(n.c.service_id.in_(list(service_ids)))
            if not include_test_key:
                statement = statement.where(n.c.key_type != KeyType.TEST.value)
            selects.append(statement)
        query = selects[0] if len(selects) == 1 else sa.union_all(*selects)
        counts = [StatusCount(R.ROWS.structure(row.service_id, UUID), row.period,
                              NotificationType(row.notification_type), NotificationStatus(row.notification_status),
                              int(row.count))
                  for row in self._exec(query)]
        return sorted(counts, key=lambda c: (str(c.service_id), c.period, c.notification_type, c.status))

    def list_by_status(self, status: NotificationStatus, *, created_before: datetime,
                       limit: int = 1000) -> Sequence[Notification]:
        n = self.table
        return self._all(sa.select(n)
                         .where(n.c.notification_status == _text(status), n.c.created_at < created_before)
                         .order_by(n.c.created_at, n.c.id).limit(limit))

    def update_if_status(self, notification: Notification, *,
                         expected: Collection[NotificationStatus]) -> bool:
        """Compare-and-set in one statement: the row lock makes concurrent transitions take turns."""
        if not expected:
            return False
        n = self.table
        result = self._exec(sa.update(n)
                            .where(n.c.id == notification.id,
                                   n.c.notification_status.in_(sorted(_text(s) for s in expected)))
                            .values(self._row(notification)))
        return result.rowcount == 1

    def find_many(self, notification_ids: Collection[UUID]) -> Sequence[Notification]:
        ids = list(dict.fromkeys(notification_ids))
        if not ids:
            return []
        if self._pg:
            names, rows = self._uow.driver_query(_PG_FIND_MANY, {"ids": ids}, what=self.what)
        else:
            result = self._exec(_FIND_MANY, {"ids": ids})
            names, rows = list(result.keys()), list(result.all())
        read = self.map.reader(names, self._uow.cipher)
        return [read(row) for row in rows]

    def record_handovers(self, handovers: Sequence[Handover], *, now: datetime) -> None:
        if not handovers:
            return
        if self._pg:
            self._uow.driver_execute(_PG_HANDOVERS, {
                "now": now, "ids": [h.notification_id for h in handovers],
                "providers": [h.provider for h in handovers], "references": [h.reference for h in handovers],
                "units": [h.billable_units for h in handovers], "statuses": [_text(h.status) for h in handovers]},
                what=self.what)
            return
        self._exec(_HANDOVER, [{"_id": h.notification_id, "_sent_by": h.provider, "_reference": h.reference,
                                "_units": h.billable_units, "_status": _text(h.status), "_now": now}
                               for h in handovers])

    def set_statuses(self, changes: Sequence[StatusChange], *, now: datetime) -> Sequence[UUID]:
        if not changes:
            return []
        if self._pg:
            _, rows = self._uow.driver_query(_PG_SET_STATUSES, {
                "now": now, "ids": [c.notification_id for c in changes],
                "expected": [_text(c.expected) for c in changes], "statuses": [_text(c.status) for c in changes]},
                what=self.what)
            return [row[0] for row in rows]
        moved = []
        for change in changes:  # SQLite: no UPDATE ... FROM a list; one cached statement each
            if self._exec(_SET_STATUS, {"_id": change.notification_id, "_expected": _text(change.expected),
                                        "_status": _text(change.status), "_now": now}).rowcount == 1:
                moved.append(change.notification_id)
        return moved

    @property
    def _pg(self) -> bool:
        return self._uow.dialect == "postgresql"

    def counts_for_jobs(self, job_ids: Sequence[UUID]) -> Mapping[UUID, Mapping[NotificationStatus, int]]:
        if not job_ids:
            return {}
        n = self.table
        counts: dict[UUID, dict[NotificationStatus, int]] = defaultdict(dict)
        for row in self._exec(sa.select(n.c.job_id, n.c.notification_status, sa.func.count().label("count"))
                              .where(n.c.job_id.in_(list(job_ids)))
                              .group_by(n.c.job_id, n.c.notification_status)):
            counts[R.ROWS.structure(row.job_id, UUID)][NotificationStatus(row.notification_status)] = int(row.count)
        return dict(counts)

    def last_job_row_number(self, job_id: UUID) -> int | None:
        n = self.table
        value = self._exec(sa.select(sa.func.max(n.c.job_row_number)).where(n.c.job_id == job_id)).scalar()
        return None if value is None else int(value)


# The page query is the hot read: its statements are built once per filter shape, with bound parameters,
# so SQLAlchemy neither rebuilds nor re-keys them on every call.
_N = t.notifications
_ANCHOR = sa.select(_N.c.created_at).where(_N.c.id == sa.bindparam("id"), _N.c.service_id == sa.bindparam("service_id"))
_PAGES: dict[tuple[Any, ...], sa.Select[Any]] = {}
# Delivery's batch statements, built once. PostgreSQL: fixed text over arrays, straight to the driver, so
# a batch of any size is one statement with nothing to compile.
_FIND_MANY = sa.select(_N).where(_N.c.id.in_(sa.bindparam("ids", expanding=True)))
_HANDOVER = (sa.update(_N).where(_N.c.id == sa.bindparam("_id"))
             .values(sent_by=sa.bindparam("_sent_by"),
                     reference=sa.func.coalesce(sa.bindparam("_reference", type_=sa.String), _N.c.reference),
                     billable_units=sa.bindparam("_units"),
                     notification_status=sa.case((_N.c.notification_status == NotificationStatus.CREATED.value,
                                                  sa.bindparam("_status")), else_=_N.c.notification_status),
                     sent_at=sa.bindparam("_now", type_=_N.c.sent_at.type),
                     updated_at=sa.bindparam("_now", type_=_N.c.updated_at.type)))
_SET_STATUS = (sa.update(_N).where(_N.c.id == sa.bindparam("_id"), _N.c.notification_status == sa.bindparam("_expected"))
               .values(notification_status=sa.bindparam("_status"),
                       updated_at=sa.bindparam("_now", type_=_N.c.updated_at.type)))
_PG_FIND_MANY = "SELECT * FROM notifications WHERE id = ANY(%(ids)s::uuid[])"
_PG_HANDOVERS = (
    "UPDATE notifications AS n SET sent_by = v.sent_by, reference = coalesce(v.reference, n.reference), "
    "billable_units = v.units, sent_at = %(now)s, updated_at = %(now)s, notification_status = "
    "CASE WHEN n.notification_status = 'created' THEN v.status ELSE n.notification_status END "
    "FROM unnest(%(ids)s::uuid[], %(providers)s::varchar[], %(references)s::varchar[], %(units)s::int[], "
    "%(statuses)s::text[]) AS v(id, sent_by, reference, units, status) WHERE n.id = v.id")
_PG_SET_STATUSES = (
    "UPDATE notifications AS n SET notification_status = v.status, updated_at = %(now)s "
    "FROM unnest(%(ids)s::uuid[], %(expected)s::text[], %(statuses)s::text[]) AS v(id, expected, status) "
    "WHERE n.id = v.id AND n.notification_status = v.expected RETURNING n.id")


def _page_statement(params: set[str], include_jobs: bool) -> sa.Select[Any]:
    n = _N
    statement = sa.select(n).where(n.c.service_id == sa.bindparam("service_id"))
    if "before" in params:
        statement = statement.where(n.c.created_at < sa.bindparam("before", type_=n.c.created_at.type))
    if "statuses" in params:
        statement = statement.where(n.c.notification_status.in_(sa.bindparam("statuses", expanding=True)))
    if "types" in params:
        statement = statement.where(n.c.notification_type.in_(sa.bindparam("types", expanding=True)))
    if "key_type" in params:
        statement = statement.where(n.c.key_type == sa.bindparam("key_type"))
    if "client_reference" in params:
        statement = statement.where(n.c.client_reference == sa.bindparam("client_reference"))
    if not include_jobs:
        statement = statement.where(n.c.job_id.is_(None))
    return statement.order_by(n.c.created_at.desc(), n.c.id.desc()).limit(sa.bindparam("limit"))


@functools.lru_cache(maxsize=None)
def _insert_or_skip(dialect: str, table: sa.Table) -> sa.Executable:
    """Built once per dialect and table (building a statement costs more than the round trip on the hot path)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=[table.c.id]).returning(table.c.id)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing(index_elements=[table.c.id]).returning(table.c.id)


@functools.lru_cache(maxsize=None)
def _pg_insert_json(table: str, columns: tuple[str, ...]) -> str:
    """A data-modifying WITH clause: insert the rows of one JSON array parameter (objects keyed by column)."""
    names = ", ".join(f'"{c}"' for c in columns)
    return (f'WITH added AS (INSERT INTO "{table}" ({names}) SELECT {names} '
            f'FROM json_populate_recordset(NULL::"{table}", %s::json)) ')


def _text(value: Any) -> str:
    return str(getattr(value, "value", value))


class SqlAlchemyJobRepository(_Repo[Job]):
    table, map = t.jobs, R.JOB
    not_found = errors.JobNotFound
    what = "job"

    def add(self, job: Job) -> None:
        self._insert(job)

    def update(self, job: Job) -> None:
        j = self.table
        result = self._exec(sa.update(j).where(j.c.id == job.id).values(self._row(job)))
        if result.rowcount == 0:
            raise self.not_found()

    def get(self, service_id: UUID, job_id: UUID) -> Job:
        return self._get_by_id(job_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[Job]:
        j = self.table
        return self._all(sa.select(j).where(j.c.service_id == service_id)
                         .order_by(j.c.created_at.desc(), j.c.id.desc()))

    def find(self, job_id: UUID) -> Job | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == job_id))

    def update_if_unchanged(self, job: Job, *, previous: Job) -> bool:
        j = self.table
        same_update = j.c.updated_at.is_(None) if previous.updated_at is None else j.c.updated_at == previous.updated_at
        result = self._exec(sa.update(j).where(j.c.id == job.id, j.c.job_status == _text(previous.job_status),
                                               same_update).values(self._row(job)))
        return result.rowcount == 1

    def list_by_status(self, statuses: Collection[JobStatus], *, scheduled_before: datetime | None = None,
                       updated_before: datetime | None = None, limit: int = 100) -> Sequence[Job]:
        if not statuses:
            return []
        j = self.table
        statement = sa.select(j).where(j.c.job_status.in_(sorted(_text(s) for s in statuses)))
        if scheduled_before is not None:
            statement = statement.where(j.c.scheduled_for <= scheduled_before)
        if updated_before is not None:
            statement = statement.where(sa.func.coalesce(j.c.updated_at, j.c.created_at) < updated_before)
        return self._all(statement.order_by(sa.func.coalesce(j.c.scheduled_for, j.c.created_at), j.c.created_at,
                                            j.c.id).limit(limit))


# -- providers, branding, callbacks -------------------------------------------------------------------

class SqlAlchemyProviderRepository(_Versioned[ProviderDetails]):
    table, history_table, map = t.provider_details, t.provider_details_history, R.PROVIDER
    not_found = errors.ProviderNotFound
    what = "provider"

    def add(self, provider: ProviderDetails) -> None:
        self._add_versioned(provider)

    def update(self, provider: ProviderDetails) -> None:
        self._update_versioned(provider)

    def get(self, provider_id: UUID) -> ProviderDetails:
        return self._get_by_id(provider_id)

    def list(self) -> Sequence[ProviderDetails]:
        p = self.table
        return self._all(sa.select(p).order_by(self._text_order(p.c.notification_type), p.c.priority.desc(),
                                               self._text_order(p.c.identifier)))

    def versions(self, provider_id: UUID) -> Sequence[ProviderDetails]:
        h = self.history_table
        return self._history(h.c.id == provider_id, order=[h.c.version.desc()])


class SqlAlchemyEmailBrandingRepository(_Repo[EmailBranding]):
    table, map = t.email_branding, R.EMAIL_BRANDING
    not_found = errors.BrandingNotFound
    what = "email branding"

    def add(self, branding: EmailBranding) -> None:
        self._insert(branding)

    def update(self, branding: EmailBranding) -> None:
        self._replace(branding.id, branding)

    def get(self, branding_id: UUID) -> EmailBranding:
        return self._get_by_id(branding_id)

    def list(self) -> Sequence[EmailBranding]:
        return self._all(sa.select(self.table).order_by(self._text_order(self.table.c.name)))


class SqlAlchemyLetterBrandingRepository(_Repo[LetterBranding]):
    table, map = t.letter_branding, R.LETTER_BRANDING
    not_found = errors.BrandingNotFound
    what = "letter branding"

    def add(self, branding: LetterBranding) -> None:
        self._insert(branding)

    def update(self, branding: LetterBranding) -> None:
        self._replace(branding.id, branding)

    def get(self, branding_id: UUID) -> LetterBranding:
        return self._get_by_id(branding_id)

    def list(self) -> Sequence[LetterBranding]:
        return self._all(sa.select(self.table).order_by(self._text_order(self.table.c.name)))


class SqlAlchemyCallbackApiRepository(_Versioned[ServiceCallbackApi]):
    table, history_table, map = t.service_callback_api, t.service_callback_api_history, R.CALLBACK_API
    not_found = errors.CallbackApiNotFound
    what = "callback api"

    def add(self, callback: ServiceCallbackApi) -> None:
        self._add_versioned(callback)

    def update(self, callback: ServiceCallbackApi) -> None:
        self._update_versioned(callback)

    def remove(self, service_id: UUID, callback_id: UUID) -> None:
        c = self.table
        result = self._exec(sa.delete(c).where(c.c.id == callback_id, c.c.service_id == service_id))
        if result.rowcount == 0:
            raise self.not_found()

    def get(self, service_id: UUID, callback_id: UUID) -> ServiceCallbackApi:
        return self._get_by_id(callback_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceCallbackApi]:
        c = self.table
        return self._all(sa.select(c).where(c.c.service_id == service_id)
                         .order_by(self._text_order(c.c.callback_type), c.c.id))


# -- senders and inbound text messages ----------------------------------------------------------------

class SqlAlchemySmsSenderRepository(_Repo[ServiceSmsSender]):
    table, map = t.service_sms_senders, R.SMS_SENDER
    not_found = errors.SmsSenderNotFound
    what = "sms sender"

    def add(self, sender: ServiceSmsSender) -> None:
        self._insert(sender)

    def update(self, sender: ServiceSmsSender) -> None:
        self._replace(sender.id, sender)

    def get(self, service_id: UUID, sender_id: UUID) -> ServiceSmsSender:
        return self._get_by_id(sender_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID, *, include_archived: bool = False) -> Sequence[ServiceSmsSender]:
        s = self.table
        statement = sa.select(s).where(s.c.service_id == service_id)
        if not include_archived:
            statement = statement.where(s.c.archived.is_(False))
        return self._all(statement.order_by(s.c.is_default.desc(), s.c.created_at, s.c.id))

    def list_by_sms_sender(self, spellings: Collection[str]) -> Sequence[ServiceSmsSender]:
        if not spellings:
            return []
        s = self.table
        return self._all(sa.select(s).where(s.c.sms_sender.in_(sorted(spellings)), s.c.archived.is_(False))
                         .order_by(s.c.inbound_number_id.is_(None), s.c.created_at, s.c.id))


class SqlAlchemyEmailReplyToRepository(_Repo[ServiceEmailReplyTo]):
    table, map = t.service_email_reply_to, R.EMAIL_REPLY_TO
    not_found = errors.ReplyToNotFound
    what = "email reply to"

    def add(self, reply_to: ServiceEmailReplyTo) -> None:
        self._insert(reply_to)

    def update(self, reply_to: ServiceEmailReplyTo) -> None:
        self._replace(reply_to.id, reply_to)

    def get(self, service_id: UUID, reply_to_id: UUID) -> ServiceEmailReplyTo:
        return self._get_by_id(reply_to_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID, *,
                         include_archived: bool = False) -> Sequence[ServiceEmailReplyTo]:
        r = self.table
        statement = sa.select(r).where(r.c.service_id == service_id)
        if not include_archived:
            statement = statement.where(r.c.archived.is_(False))
        return self._all(statement.order_by(r.c.is_default.desc(), r.c.created_at.desc(), r.c.id))


class SqlAlchemyInboundSmsRepository(_Repo[InboundSms]):
    table, map = t.inbound_sms, R.INBOUND_SMS
    not_found = errors.InboundSmsNotFound
    what = "inbound sms"

    def add(self, inbound: InboundSms) -> None:
        self._insert(inbound)

    def get(self, service_id: UUID, inbound_id: UUID) -> InboundSms:
        return self._get_by_id(inbound_id, self.table.c.service_id == service_id)

    def _conditions(self, service_id: UUID, user_number: str | None,
                    created_after: datetime | None) -> list[sa.ColumnElement[bool]]:
        m = self.table
        conditions = [m.c.service_id == service_id]
        if user_number is not None:
            conditions.append(m.c.user_number == user_number)
        if created_after is not None:
            conditions.append(m.c.created_at >= created_after)
        return conditions

    def list_for_service(self, service_id: UUID, *, user_number: str | None = None,
                         created_after: datetime | None = None, older_than: UUID | None = None,
                         limit: int | None = None) -> Sequence[InboundSms]:
        m = self.table
        conditions = self._conditions(service_id, user_number, created_after)
        if older_than is not None:
            anchor = self._exec(sa.select(m.c.created_at).where(m.c.id == older_than,
                                                                m.c.service_id == service_id)).first()
            if anchor is None:
                return []
            conditions.append(m.c.created_at < anchor.created_at)
        statement = sa.select(m).where(*conditions).order_by(m.c.created_at.desc(), m.c.id.desc())
        if limit is not None:
            statement = statement.limit(max(limit, 0))
        return self._all(statement)

    def count_for_service(self, service_id: UUID, *, created_after: datetime | None = None) -> int:
        m = self.table
        statement = sa.select(sa.func.count()).select_from(m).where(*self._conditions(service_id, None, created_after))
        return int(self._exec(statement).scalar_one())


# -- counters -----------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _counter_upsert(dialect: str) -> sa.Executable:
    """INSERT … ON CONFLICT (key) DO UPDATE value = value + excluded.value RETURNING value, built once per
    dialect: every send runs it twice, and building it each time cost more than executing it."""
    c = t.counters
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(c)
    return statement.on_conflict_do_update(index_elements=[c.c.key],
                                           set_={"value": c.c.value + statement.excluded.value,
                                                 "expires_at": statement.excluded.expires_at}).returning(c.c.value)


@functools.lru_cache(maxsize=32)
def _pg_counter_upsert(count: int) -> str:
    """PostgreSQL: `count` rows (key, expires_at, amount) in one statement, straight to the driver."""
    rows = ", ".join(["(%s, %s::timestamptz, %s::bigint)"] * count)
    return ("INSERT INTO counters (key, expires_at, value) VALUES " + rows +
            " ON CONFLICT (key) DO UPDATE SET value = counters.value + excluded.value, "
            "expires_at = excluded.expires_at RETURNING key, value")


class SqlAlchemyCounterRepository:
    """One row per key; increments are a single upsert, so the row lock serialises concurrent senders and a
    rolled-back transaction gives its increment back."""

    def __init__(self, uow: SqlAlchemyUnitOfWork) -> None:
        self._uow = uow

    def increment(self, key: str, *, expires_at: datetime, amount: int = 1) -> int:
        statement = _counter_upsert(self._uow.dialect)
        return int(self._uow.execute(statement, {"key": key, "value": amount, "expires_at": expires_at},
                                     what="counter").scalar_one())

    def increment_many(self, increments: Sequence[tuple[str, datetime, int]], *,
                       along: tuple[str, Any] | None = None) -> Sequence[int]:
        """Rows in key order (concurrent senders lock them in the same order). PostgreSQL: one statement;
        `along` (PostgreSQL only: a WITH clause and its one parameter) runs in that same statement."""
        if not increments:
            return []
        keys = [key for key, _, _ in increments]
        if len(set(keys)) != len(keys):
            raise ValueError("increment_many: keys must be distinct")
        ordered = sorted(increments)
        if self._uow.dialect != "postgresql":
            values = {key: self.increment(key, expires_at=expires_at, amount=amount)
                      for key, expires_at, amount in ordered}
            return [values[key] for key in keys]
        prefix, params = ("", []) if along is None else (along[0], [along[1]])
        _, rows = self._uow.driver_query(prefix + _pg_counter_upsert(len(ordered)),
                                         params + [value for increment in ordered for value in increment],
                                         what="counter" if along is None else "notification")
        found = {key: int(value) for key, value in rows}
        return [found[key] for key in keys]

    def find(self, key: str) -> int | None:
        c = t.counters
        value = self._uow.execute(sa.select(c.c.value).where(c.c.key == key)).scalar_one_or_none()
        return None if value is None else int(value)

    def remove_expired(self, now: datetime) -> int:
        c = t.counters
        return int(self._uow.execute(sa.delete(c).where(c.c.expires_at <= now)).rowcount)
