"""Admin API: invitations to join a service. Made and listed under /service/{id}/invite (another service's
invitation ids are 404s); read back from the emailed link's token under /invite/service/."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.domain import errors
from notify.usecases import invites as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.invites import (
    CreateInvite, CreateOrganisationInvite, InviteOut, InviteStatusChange, OrganisationInviteOut,
)


class ServiceInviteResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/invite
    @operation(body=CreateInvite, response=InviteOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateInvite) -> InviteOut:
        """Invite someone to the service: stored, then emailed a link that works for two days."""
        if body.service is not None and body.service != service_id:
            raise errors.ValidationFailed({"service": ["Does not match the service in the URL"]})
        return InviteOut.of(usecases.invite_to_service(
            self._notify, service_id, from_user_id=body.from_user, email_address=body.email_address,
            permissions=body.permissions, auth_type=body.auth_type, folder_permissions=body.folder_permissions,
            invite_link_host=body.invite_link_host))

    @operation(response=list[InviteOut], key="data")
    def on_get(self, req: falcon.Request, service_id: UUID) -> list[InviteOut]:
        """The service's invitations, oldest first."""
        return [InviteOut.of(i) for i in usecases.list_invites(self._notify, service_id)]

    # /service/{service_id}/invite/{invited_user_id}
    @operation(response=InviteOut, key="data")
    def on_get_item(self, req: falcon.Request, service_id: UUID, invited_user_id: UUID) -> InviteOut:
        """One invitation of the service."""
        return InviteOut.of(usecases.get_invite(self._notify, service_id, invited_user_id))

    @operation(body=InviteStatusChange, response=InviteOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, invited_user_id: UUID,
                     body: InviteStatusChange) -> InviteOut:
        """Change an invitation's status (cancel it, mark it accepted)."""
        return InviteOut.of(usecases.set_invite_status(self._notify, service_id, invited_user_id, body.status))


class ServiceInviteLinkResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /invite/service/{token} (an invitation id reads the invitation directly)
    @operation(response=InviteOut, key="data")
    def on_get(self, req: falcon.Request, token: str) -> InviteOut:
        """The invitation an emailed link's token names (400 when the link is broken or expired), or the
        invitation with this id."""
        try:
            invite_id = UUID(token)
        except ValueError:
            return InviteOut.of(usecases.invite_from_token(self._notify, token))
        return InviteOut.of(usecases.find_invite(self._notify, invite_id))

    # /invite/service/check/{token}
    @operation(response=InviteOut, key="data")
    def on_get_check(self, req: falcon.Request, token: str) -> InviteOut:
        """The invitation an emailed link's token names."""
        return InviteOut.of(usecases.invite_from_token(self._notify, token))


class OrganisationInviteResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /organisation/{organisation_id}/invite
    @operation(body=CreateOrganisationInvite, response=OrganisationInviteOut, key="data", status=201)
    def on_post(self, req: falcon.Request, organisation_id: UUID,
                body: CreateOrganisationInvite) -> OrganisationInviteOut:
        """Invite someone to the organisation's team: stored, then emailed a link that works for two days."""
        return OrganisationInviteOut.of(usecases.invite_to_organisation(
            self._notify, organisation_id, invited_by=body.invited_by, email_address=body.email_address,
            invite_link_host=body.invite_link_host))

    @operation(response=list[OrganisationInviteOut], key="data")
    def on_get(self, req: falcon.Request, organisation_id: UUID) -> list[OrganisationInviteOut]:
        """The organisation's invitations, oldest first."""
        return [OrganisationInviteOut.of(i) for i in usecases.list_organisation_invites(self._notify, organisation_id)]

    # /organisation/{organisation_id}/invite/{invited_org_user_id}
    @operation(response=OrganisationInviteOut, key="data")
    def on_get_item(self, req: falcon.Request, organisation_id: UUID,
                    invited_org_user_id: UUID) -> OrganisationInviteOut:
        """One invitation of the organisation."""
        return OrganisationInviteOut.of(
            usecases.get_organisation_invite(self._notify, organisation_id, invited_org_user_id))

    @operation(body=InviteStatusChange, response=OrganisationInviteOut, key="data")
    def on_post_item(self, req: falcon.Request, organisation_id: UUID, invited_org_user_id: UUID,
                     body: InviteStatusChange) -> OrganisationInviteOut:
        """Change an invitation's status (cancel it, mark it accepted)."""
        return OrganisationInviteOut.of(usecases.set_organisation_invite_status(
            self._notify, organisation_id, invited_org_user_id, body.status))


class OrganisationInviteLinkResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /invite/organisation/{token} (an invitation id reads the invitation directly)
    @operation(response=OrganisationInviteOut, key="data")
    def on_get(self, req: falcon.Request, token: str) -> OrganisationInviteOut:
        """The invitation an emailed link's token names, or the invitation with this id."""
        try:
            invite_id = UUID(token)
        except ValueError:
            return OrganisationInviteOut.of(usecases.organisation_invite_from_token(self._notify, token))
        return OrganisationInviteOut.of(usecases.find_organisation_invite(self._notify, invite_id))

    # /invite/organisation/check/{token}
    @operation(response=OrganisationInviteOut, key="data")
    def on_get_check(self, req: falcon.Request, token: str) -> OrganisationInviteOut:
        """The invitation an emailed link's token names."""
        return OrganisationInviteOut.of(usecases.organisation_invite_from_token(self._notify, token))
