"""Admin API: /organisations — create, read, update, list; their services and members."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import organisations as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.organisations import (
    AddOrganisationUser, CreateOrganisation, DomainQuery, LinkService, NameQuery, OrganisationFields, OrganisationOut, OrganisationService,
    OrganisationSummary,
)
from .schemas.users import UserOut


class OrganisationResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /organisations (Notify answers a bare list here)
    @operation(response=list[OrganisationSummary])
    def on_get(self, req: falcon.Request) -> list[OrganisationSummary]:
        """Every organisation."""
        return [OrganisationSummary.of(o) for o in usecases.list_organisations(self._notify)]

    @operation(body=CreateOrganisation, response=OrganisationOut, status=201)
    def on_post(self, req: falcon.Request, body: CreateOrganisation) -> OrganisationOut:
        """A new organisation."""
        return OrganisationOut.of(usecases.create_organisation(self._notify, **body.organisation_changes()))

    # /organisations/by-domain
    @operation(query=DomainQuery, response=OrganisationOut)
    def on_get_by_domain(self, req: falcon.Request, query: DomainQuery) -> OrganisationOut:
        """The organisation an email address at `?domain=` belongs to (subdomains included)."""
        return OrganisationOut.of(usecases.organisation_by_domain(self._notify, query.domain))

    # /organisations/search
    @operation(query=NameQuery, response=list[OrganisationSummary], key="data")
    def on_get_search(self, req: falcon.Request, query: NameQuery) -> list[OrganisationSummary]:
        """Organisations whose name contains `?name=`."""
        return [OrganisationSummary.of(o) for o in usecases.search_organisations(self._notify, query.name)]

    # /organisations/{organisation_id}/archive
    @operation(status=204)
    def on_post_archive(self, req: falcon.Request, organisation_id: UUID) -> None:
        """Archive an organisation that has no active services and no team members."""
        usecases.archive_organisation(self._notify, organisation_id)

    # /organisations/{organisation_id}
    @operation(response=OrganisationOut)
    def on_get_item(self, req: falcon.Request, organisation_id: UUID) -> OrganisationOut:
        """One organisation."""
        return OrganisationOut.of(usecases.get_organisation(self._notify, organisation_id))

    @operation(body=OrganisationFields, status=204)
    def on_post_item(self, req: falcon.Request, organisation_id: UUID, body: OrganisationFields) -> None:
        """Change the named fields of an organisation."""
        usecases.update_organisation(self._notify, organisation_id, body.organisation_changes())

    # /organisations/{organisation_id}/service
    @operation(body=LinkService, status=204)
    def on_post_service(self, req: falcon.Request, organisation_id: UUID, body: LinkService) -> None:
        """Make a service part of the organisation."""
        usecases.link_service(self._notify, organisation_id, body.service_id)

    # /organisations/{organisation_id}/services
    @operation(response=list[OrganisationService])
    def on_get_services(self, req: falcon.Request, organisation_id: UUID) -> list[OrganisationService]:
        """The organisation's services."""
        return [OrganisationService(id=s.id, name=s.name, active=s.active, restricted=s.restricted)
                for s in usecases.organisation_services(self._notify, organisation_id)]

    # /organisations/{organisation_id}/users
    @operation(response=list[UserOut], key="data")
    def on_get_users(self, req: falcon.Request, organisation_id: UUID) -> list[UserOut]:
        """The organisation's team members."""
        return [UserOut.of(u) for u in usecases.organisation_users(self._notify, organisation_id)]

    # /organisations/{organisation_id}/users/{user_id}
    @operation(body=AddOrganisationUser, response=UserOut, key="data")
    def on_post_user(self, req: falcon.Request, organisation_id: UUID, user_id: UUID,
                     body: AddOrganisationUser) -> UserOut:
        """Add a team member to the organisation."""
        return UserOut.of(usecases.add_user_to_organisation(
            self._notify, organisation_id, user_id, permissions=[p.permission for p in body.permissions]))

    @operation(status=204)
    def on_delete_user(self, req: falcon.Request, organisation_id: UUID, user_id: UUID) -> None:
        """Take a team member out of the organisation."""
        usecases.remove_user_from_organisation(self._notify, organisation_id, user_id)
