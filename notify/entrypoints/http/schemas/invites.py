"""Service invitations: making one, changing its status, and how one is shown."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.constants import AuthType
from notify.domain.invite import InvitedOrganisationUser, InvitedUser, InviteStatus

from .fields import optional, required


@define(kw_only=True)
class CreateInvite:
    email_address: str = required(max_length=255, not_blank=True)
    from_user: UUID = required()
    permissions: str = required(max_length=1000)
    service: UUID | None = optional()  # Notify's admin app repeats the path's service id here
    auth_type: AuthType = optional(AuthType.SMS)
    invite_link_host: str | None = optional(max_length=255)
    folder_permissions: list[UUID] = optional(factory=list)


@define(kw_only=True)
class InviteStatusChange:
    status: InviteStatus = required()


@define(kw_only=True)
class InviteOut:
    id: UUID
    service: UUID
    from_user: UUID
    email_address: str
    permissions: str
    status: InviteStatus
    created_at: datetime
    auth_type: AuthType
    folder_permissions: list[str]

    @classmethod
    def of(cls, invite: InvitedUser) -> InviteOut:
        return cls(id=invite.id, service=invite.service_id, from_user=invite.from_user_id,
                   email_address=invite.email_address, permissions=invite.permissions, status=invite.status,
                   created_at=invite.created_at, auth_type=invite.auth_type,
                   folder_permissions=[str(f) for f in invite.folder_ids])


@define(kw_only=True)
class CreateOrganisationInvite:
    email_address: str = required(max_length=255, not_blank=True)
    invited_by: UUID = required()
    invite_link_host: str | None = optional(max_length=255)


@define(kw_only=True)
class OrganisationInviteOut:
    id: UUID
    email_address: str
    invited_by: UUID
    organisation: UUID
    created_at: datetime
    status: InviteStatus

    @classmethod
    def of(cls, invite: InvitedOrganisationUser) -> OrganisationInviteOut:
        return cls(id=invite.id, email_address=invite.email_address, invited_by=invite.invited_by_id,
                   organisation=invite.organisation_id, created_at=invite.created_at, status=invite.status)
