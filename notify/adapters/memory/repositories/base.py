"""What every in-memory repository shares. Each behaves exactly as its SQL twin does: the contract suite runs
both. Rows are frozen domain objects, so handing them out is safe."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from notify.domain import errors

from ..session import InMemorySession

T = TypeVar("T")


class MemoryRepository(Generic[T]):
    table_name: str
    not_found: type[errors.NotFound] = errors.NotFound

    _rows: dict[Any, T]  # this repository's table (the store never replaces one): looked up once

    def __init__(self, session: InMemorySession) -> None:
        self._session = session
        name = getattr(self, "table_name", None)
        if name is not None:
            self._rows = session.table(name)

    def _get(self, key: Any) -> T:
        try:
            return self._rows[key]
        except KeyError:
            raise self.not_found() from None

    def _insert(self, key: Any, value: T, unique: Callable[[T], bool] | None = None,
                what: str = "record") -> None:
        if key in self._rows:
            raise errors.AlreadyExists(f"{what} {key} already exists")
        if unique is not None and any(unique(row) for row in self._rows.values()):
            raise errors.AlreadyExists(f"{what} already exists")
        self._session.put(self.table_name, key, value)

    def _replace(self, key: Any, value: T, unique: Callable[[T], bool] | None = None) -> None:
        if key not in self._rows:
            raise self.not_found()
        if unique is not None and any(unique(row) for k, row in self._rows.items() if k != key):
            raise errors.AlreadyExists("record already exists")
        self._session.put(self.table_name, key, value)


class VersionedRepository(MemoryRepository[T]):
    """Current rows in `table_name`, every version in `table_name + '_history'` keyed (id, version)."""

    def _history_put(self, obj: Any) -> None:
        self._session.put(self.table_name + "_history", (obj.id, obj.version), obj)

    def _add_versioned(self, obj: Any, unique: Callable[[T], bool] | None = None, what: str = "record") -> None:
        self._insert(obj.id, obj, unique, what)
        self._history_put(obj)

    def _update_versioned(self, obj: Any, unique: Callable[[T], bool] | None = None) -> None:
        current: Any = self._get(obj.id)
        if obj.version != current.version + 1:
            raise errors.ConcurrentUpdate()
        self._replace(obj.id, obj, unique)
        self._history_put(obj)

    def _versions_of(self, predicate: Callable[[T], bool]) -> list[T]:
        history: dict[Any, T] = self._session.table(self.table_name + "_history")
        return [row for row in history.values() if predicate(row)]


class ServiceScopedRepository(MemoryRepository[T]):
    """Rows keyed by id that belong to one service: another service's id is simply not found."""

    def _get_for(self, service_id: UUID, key: UUID) -> T:
        found = self._get(key)
        if getattr(found, "service_id") != service_id:
            raise self.not_found()
        return found

    def _replace_for(self, service_id: UUID, key: UUID, value: T) -> None:
        """Replace a row of this service (another service's row is not found, and stays as it is)."""
        self._get_for(service_id, key)
        self._replace(key, value)


class _Defaulted(Protocol):
    @property
    def service_id(self) -> UUID: ...
    @property
    def is_default(self) -> bool: ...
    @property
    def archived(self) -> bool: ...
    @property
    def id(self) -> UUID: ...
    @property
    def created_at(self) -> datetime: ...


D = TypeVar("D", bound=_Defaulted)


def live_for_service(rows: Iterable[D], service_id: UUID, *, include_archived: bool = False) -> list[D]:
    """A service's rows, the default first, then the newest, ties in id order (as the SQL stores order them)."""
    found = sorted((r for r in rows if r.service_id == service_id and (include_archived or not r.archived)),
                   key=lambda r: r.id)
    found.sort(key=lambda r: r.created_at, reverse=True)  # stable: ties stay in id order
    found.sort(key=lambda r: not r.is_default)
    return found


def both_live_defaults(a: _Defaulted, b: _Defaulted) -> bool:
    """The SQL unique rule on senders and contact blocks: one live default per service."""
    return a.service_id == b.service_id and all(x.is_default and not x.archived for x in (a, b))


class NoPage:
    """The anchor of an `older_than` page is unknown or another service's."""


NO_PAGE = NoPage()


def page_start(rows: Mapping[UUID, Any], older_than: UUID | None, service_id: UUID) -> datetime | None | NoPage:
    """The created_at that an `older_than` page starts before; None for the first page; NO_PAGE when the
    anchor is unknown or another service's (an empty page, as the SQL stores answer)."""
    if older_than is None:
        return None
    anchor = rows.get(older_than)
    if anchor is None or anchor.service_id != service_id:
        return NO_PAGE
    created_at: datetime = anchor.created_at
    return created_at
