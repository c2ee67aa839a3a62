"""Services as the admin API shows them: with their organisation's name and, when asked, their notification
statistics; and a service's members after one is added. Each answers one admin request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from uuid import UUID

from attrs import frozen

from notify.domain.service import Service
from notify.domain.user import User

from . import services, statistics
from .app import Notify
from .statistics import Stats


@frozen
class ServiceView:
    service: Service
    organisation_name: str | None = None
    statistics: Stats | None = None  # only when asked for


def _named(notify: Notify, found: Sequence[Service]) -> list[ServiceView]:
    names = services.organisation_names(notify, found)
    return [ServiceView(s, names.get(s.organisation_id) if s.organisation_id else None) for s in found]


def list_services(notify: Notify, *, only_active: bool = False, user_id: UUID | None = None,
                  detailed: bool = False, start: date | None = None, end: date | None = None,
                  include_test_key: bool = True) -> list[ServiceView]:
    """Every service (or a user's); `detailed`: with statistics for today or the dates given, in one query."""
    views = _named(notify, services.list_services(notify, only_active=only_active, user_id=user_id))
    if not detailed:
        return views
    stats = statistics.statistics_for_services(notify, [v.service.id for v in views], start=start, end=end,
                                               include_test_key=include_test_key)
    return [ServiceView(v.service, v.organisation_name, stats[v.service.id]) for v in views]


def find_services(notify: Notify, fragment: str) -> list[ServiceView]:
    return _named(notify, services.find_services_by_name(notify, fragment))


def get_service(notify: Notify, service_id: UUID, *, detailed: bool = False,
                today_only: bool = False) -> ServiceView:
    [view] = _named(notify, [services.get_service(notify, service_id)])
    if not detailed:
        return view
    return ServiceView(view.service, view.organisation_name,
                       statistics.service_statistics(notify, service_id, today_only=today_only))


@frozen
class Membership:
    service: Service
    members: list[User]


def add_member(notify: Notify, service_id: UUID, user_id: UUID, *, permissions: Iterable[str],
               folder_permissions: Iterable[UUID] = ()) -> Membership:
    """Add a user to a service; the service and everyone now in it."""
    service = services.add_user_to_service(notify, service_id, user_id, permissions=permissions,
                                           folder_permissions=folder_permissions)
    return Membership(service, [user for user, _ in services.service_users(notify, service_id)])
