"""Invitations to join a service: made by a member, emailed (through the platform's own service) with a
signed link that expires after two days, read back from that link, cancelled, and accepted (the new member
gets exactly the permissions and folders the invitation named)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.constants import AuthType
from notify.domain.invite import (
    INVITATION_LIFETIME, InvitedOrganisationUser, InvitedUser, InviteStatus, checked_permissions,
)
from notify.domain.recipients import validate_email_address
from notify.domain.service import ServiceUser

from . import account_links, platform_service, users
from .app import Notify
from .template_folders import own_folders
from .verify_codes import DEFAULT_ADMIN_BASE_URL

SERVICE_INVITATION = "service-invitation"
EXPIRED_MESSAGE = ("Your invitation to Notify has expired. Please ask the person that invited you to send you "
                   "another one")
BROKEN_LINK_MESSAGE = "Something’s wrong with this link. Make sure you’ve copied the whole thing."


def invite_to_service(notify: Notify, service_id: UUID, *, from_user_id: UUID, email_address: str,
                      permissions: str, auth_type: AuthType = AuthType.SMS,
                      folder_permissions: Sequence[UUID] = (), invite_link_host: str | None = None) -> InvitedUser:
    address = validate_email_address(email_address)
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        inviter = uow.users.get(from_user_id)
        invite = InvitedUser(id=notify.ids.new(), service_id=service_id, from_user_id=from_user_id,
                             email_address=address, permissions=checked_permissions(permissions),
                             created_at=notify.clock.now(), auth_type=auth_type,
                             folder_permissions=",".join(str(f) for f in folder_permissions))
        uow.invited_users.add(invite)
        uow.commit()
    token = account_links.make_token(notify, SERVICE_INVITATION, {"invited_user_id": str(invite.id)})
    url = f"{(invite_link_host or DEFAULT_ADMIN_BASE_URL).rstrip('/')}/invitation/{token}"
    platform_service.send(notify, platform_service.SERVICE_INVITE, address,
                          {"user_name": inviter.name, "service_name": service.name, "url": url})
    return invite


def list_invites(notify: Notify, service_id: UUID) -> Sequence[InvitedUser]:
    with notify.uow() as uow:
        uow.services.get(service_id)
        return uow.invited_users.list_for_service(service_id)


def get_invite(notify: Notify, service_id: UUID, invite_id: UUID) -> InvitedUser:
    with notify.uow() as uow:
        return uow.invited_users.get(service_id, invite_id)


def find_invite(notify: Notify, invite_id: UUID) -> InvitedUser:
    with notify.uow() as uow:
        found = uow.invited_users.find(invite_id)
    if found is None:
        raise errors.InviteNotFound()
    return found


def invite_from_token(notify: Notify, token: str) -> InvitedUser:
    """The invitation a link names; Notify's wording (under `invitation`) when the link is broken or old."""
    return find_invite(notify, _invited_id(notify, SERVICE_INVITATION, "invited_user_id", token))


def _invited_id(notify: Notify, purpose: str, key: str, token: str) -> UUID:
    """The invitation id a signed link carries under `key`; Notify's wording when the link is broken or old."""
    try:
        payload = account_links.read_token(notify, purpose, token, max_age=INVITATION_LIFETIME)
        return UUID(str(payload[key]))
    except errors.InvalidToken as exc:
        raise errors.ValidationFailed({"invitation": [EXPIRED_MESSAGE if exc.expired else BROKEN_LINK_MESSAGE]}) \
            from None
    except (KeyError, ValueError):
        raise errors.ValidationFailed({"invitation": [BROKEN_LINK_MESSAGE]}) from None


def set_invite_status(notify: Notify, service_id: UUID, invite_id: UUID, status: InviteStatus) -> InvitedUser:
    with notify.uow() as uow:
        invite = uow.invited_users.get(service_id, invite_id).with_status(status)
        uow.invited_users.update(invite)
        uow.commit()
        return invite


def accept_invite(notify: Notify, invite_id: UUID, user_id: UUID) -> InvitedUser:
    """The user joins the service with the invitation's permissions and folders; the invitation is used up."""
    now = notify.clock.now()
    with notify.uow() as uow:
        invite = uow.invited_users.find(invite_id)
        if invite is None:
            raise errors.InviteNotFound()
        if invite.status is not InviteStatus.PENDING:
            raise errors.InvalidRequest(f"Invitation is {invite.status.value}", field="invitation")
        user = uow.users.get(user_id)
        if user.email_address.lower() != invite.email_address.lower():
            raise errors.InvalidRequest("Invitation is for another email address", field="invitation")
        if uow.service_users.find(invite.service_id, user_id) is None:
            uow.service_users.add(ServiceUser(service_id=invite.service_id, user_id=user_id,
                                              permissions=frozenset(invite.permission_list),
                                              folder_permissions=own_folders(uow, invite.service_id, invite.folder_ids),
                                              created_at=now))
        accepted = invite.with_status(InviteStatus.ACCEPTED)
        uow.invited_users.update(accepted)
        uow.commit()
        return accepted


ORGANISATION_INVITATION = "organisation-invitation"


def invite_to_organisation(notify: Notify, organisation_id: UUID, *, invited_by: UUID, email_address: str,
                           invite_link_host: str | None = None) -> InvitedOrganisationUser:
    address = validate_email_address(email_address)
    with notify.uow() as uow:
        organisation = uow.organisations.get(organisation_id)
        inviter = uow.users.get(invited_by)
        invite = InvitedOrganisationUser(id=notify.ids.new(), organisation_id=organisation_id,
                                         invited_by_id=invited_by, email_address=address,
                                         created_at=notify.clock.now())
        uow.invited_organisation_users.add(invite)
        uow.commit()
    token = account_links.make_token(notify, ORGANISATION_INVITATION, {"invited_org_user_id": str(invite.id)})
    url = f"{(invite_link_host or DEFAULT_ADMIN_BASE_URL).rstrip('/')}/organisation-invitation/{token}"
    platform_service.send(notify, platform_service.ORGANISATION_INVITE, address,
                          {"user_name": inviter.name, "organisation_name": organisation.name, "url": url})
    return invite


def list_organisation_invites(notify: Notify, organisation_id: UUID) -> Sequence[InvitedOrganisationUser]:
    with notify.uow() as uow:
        uow.organisations.get(organisation_id)
        return uow.invited_organisation_users.list_for_organisation(organisation_id)


def get_organisation_invite(notify: Notify, organisation_id: UUID, invite_id: UUID) -> InvitedOrganisationUser:
    with notify.uow() as uow:
        return uow.invited_organisation_users.get(organisation_id, invite_id)


def find_organisation_invite(notify: Notify, invite_id: UUID) -> InvitedOrganisationUser:
    with notify.uow() as uow:
        found = uow.invited_organisation_users.find(invite_id)
    if found is None:
        raise errors.InviteNotFound()
    return found


def organisation_invite_from_token(notify: Notify, token: str) -> InvitedOrganisationUser:
    return find_organisation_invite(notify, _invited_id(notify, ORGANISATION_INVITATION, "invited_org_user_id", token))


def set_organisation_invite_status(notify: Notify, organisation_id: UUID, invite_id: UUID,
                                   status: InviteStatus) -> InvitedOrganisationUser:
    with notify.uow() as uow:
        invite = uow.invited_organisation_users.get(organisation_id, invite_id).with_status(status)
        uow.invited_organisation_users.update(invite)
        uow.commit()
        return invite


def accept_invite_as_new_user(notify: Notify, invite_id: UUID, *, name: str, password: str) -> InvitedUser:
    """Someone invited without an account makes one (the invitation's address, signing in with a code by email,
    as the invitation said) and joins the service at once."""

    invite = find_invite(notify, invite_id)
    if invite.status is not InviteStatus.PENDING:
        raise errors.InvalidRequest(f"Invitation is {invite.status.value}", field="invitation")
    user = users.create_user(notify, name=name, email_address=invite.email_address, password=password,
                             auth_type=AuthType.EMAIL)
    return accept_invite(notify, invite.id, user.id)
