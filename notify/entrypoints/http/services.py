"""Admin API: /service and everything hanging off one service (the seed's 13 endpoints)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon

from notify.usecases import service_views as views
from notify.usecases import services as usecases
from notify.usecases import statistics
from notify.usecases.app import Notify

from .operation import operation
from .schemas import services as wire
from .schemas.organisations import OrganisationOut
from .schemas.reading import unstructure
from .schemas.users import MemberOut


class ServiceResources:
    """All /service routes; Falcon suffixes pick the handler (see app.py)."""

    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service
    @operation(query=wire.ServicesQuery, response=list[wire.ServiceOut], key="data")
    def on_get(self, req: falcon.Request, query: wire.ServicesQuery) -> list[wire.ServiceOut]:
        """Every service (or a user's), optionally with today's statistics or those of a date range."""
        return [wire.ServiceOut.of(v) for v in views.list_services(
            self._notify, only_active=query.only_active, user_id=query.user_id, detailed=query.detailed,
            start=query.start_date, end=query.end_date, include_test_key=query.include_from_test_key)]

    @operation(body=wire.CreateService, response=wire.ServiceOut, key="data", status=201)
    def on_post(self, req: falcon.Request, body: wire.CreateService) -> wire.ServiceOut:
        """A new service, its creator its first member."""
        return wire.ServiceOut.of(views.ServiceView(usecases.create_service(
            self._notify, created_by=body.created_by, **body.settings())))

    # /service/find-services-by-name
    @operation(query=wire.FindServicesQuery, response=list[wire.FoundService], key="data")
    def on_get_find(self, req: falcon.Request, query: wire.FindServicesQuery) -> list[wire.FoundService]:
        """Services whose name contains the fragment."""
        return [wire.FoundService.of(v) for v in views.find_services(self._notify, query.service_name)]

    # /service/{service_id}
    @operation(query=wire.ServiceQuery, response=wire.ServiceOut, key="data")
    def on_get_item(self, req: falcon.Request, service_id: UUID, query: wire.ServiceQuery) -> wire.ServiceOut:
        """One service, optionally with its statistics."""
        return wire.ServiceOut.of(views.get_service(self._notify, service_id, detailed=query.detailed,
                                                    today_only=query.today_only))

    @operation(body=wire.ServiceSettings, response=wire.ServiceOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, body: wire.ServiceSettings) -> wire.ServiceOut:
        """Change the named settings of a service."""
        return wire.ServiceOut.of(views.ServiceView(usecases.update_service(self._notify, service_id,
                                                                            body.settings())))

    # /service/{service_id}/archive
    @operation(status=204)
    def on_post_archive(self, req: falcon.Request, service_id: UUID) -> None:
        """Archive a service: its keys revoked, its templates archived."""
        usecases.archive_service(self._notify, service_id)

    # /service/{service_id}/users
    @operation(response=list[MemberOut], key="data")
    def on_get_users(self, req: falcon.Request, service_id: UUID) -> list[MemberOut]:
        """The service's team members and their permissions."""
        return [MemberOut.of_member(user, member) for user, member in usecases.service_users(self._notify, service_id)]

    # /service/{service_id}/users/{user_id}
    @operation(body=wire.AddServiceUser, response=wire.ServiceOut, key="data", status=201)
    def on_post_user(self, req: falcon.Request, service_id: UUID, user_id: UUID,
                     body: wire.AddServiceUser) -> wire.ServiceOut:
        """Add a team member with these permissions."""
        added = views.add_member(self._notify, service_id, user_id,
                                 permissions=[p.permission.value for p in body.permissions],
                                 folder_permissions=body.folder_permissions)
        return wire.ServiceOut.of(views.ServiceView(added.service),
                                  users=[wire.MemberRef(id=u.id, name=u.name) for u in added.members])

    @operation(status=204)
    def on_delete_user(self, req: falcon.Request, service_id: UUID, user_id: UUID) -> None:
        """Take a team member out of the service."""
        usecases.remove_user_from_service(self._notify, service_id, user_id)

    # /service/{service_id}/history
    @operation(response=wire.ServiceHistoryOut, key="data")
    def on_get_history(self, req: falcon.Request, service_id: UUID) -> wire.ServiceHistoryOut:
        """Every version of the service, its API keys and its templates."""
        history = usecases.service_history(self._notify, service_id)
        return wire.ServiceHistoryOut(
            service_history=[wire.ServiceVersionOut.of(s) for s in history.services],
            api_key_history=[wire.ApiKeyVersionOut.of(k) for k in history.api_keys],
            template_history=[wire.TemplateVersionRef.of(t) for t in history.templates])

    # /service/{service_id}/guest-list
    @operation(response=wire.GuestListOut)
    def on_get_guest_list(self, req: falcon.Request, service_id: UUID) -> wire.GuestListOut:
        """Who a service in trial mode may send to besides its team."""
        entries = usecases.get_guest_list(self._notify, service_id)
        return wire.GuestListOut(email_addresses=[e.recipient for e in entries if e.recipient_type == "email"],
                                 phone_numbers=[e.recipient for e in entries if e.recipient_type == "mobile"])

    @operation(body=wire.GuestList, status=204)
    def on_put_guest_list(self, req: falcon.Request, service_id: UUID, body: wire.GuestList) -> None:
        """Replace the whole guest list."""
        usecases.replace_guest_list(self._notify, service_id, email_addresses=body.email_addresses,
                                    phone_numbers=body.phone_numbers)

    # /service/{service_id}/statistics
    @operation(query=wire.StatisticsQuery, response=wire.Stats, key="data")
    def on_get_statistics(self, req: falcon.Request, service_id: UUID, query: wire.StatisticsQuery) -> wire.Stats:
        """Notifications requested, delivered and failed per channel: today, or over the last days."""
        return statistics.service_statistics(self._notify, service_id, today_only=query.today_only,
                                             limit_days=query.limit_days)

    # /service/{service_id}/notifications/monthly
    @operation(query=wire.MonthlyQuery, response=dict[str, wire.Stats], key="data")
    def on_get_monthly(self, req: falcon.Request, service_id: UUID,
                       query: wire.MonthlyQuery) -> dict[str, wire.Stats]:
        """The same counts per month of a financial year."""
        return statistics.monthly_statistics(self._notify, service_id, year=query.year)

    # /service/{service_id}/organisation
    @operation(response=dict[str, Any])
    def on_get_organisation(self, req: falcon.Request, service_id: UUID) -> dict[str, Any]:
        """The service's organisation, or `{}` when it has none (Notify's answer)."""
        found = usecases.service_organisation(self._notify, service_id)
        return unstructure(OrganisationOut.of(found), OrganisationOut) if found else {}
