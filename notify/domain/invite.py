"""Invitations to join a service: who was invited, by whom, with which permissions (carried over to the
membership when the invitation is accepted)."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from uuid import UUID

from attrs import evolve, frozen

from . import errors
from .constants import AuthType, UserPermission

INVITATION_LIFETIME = timedelta(days=2)


class InviteStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


@frozen(kw_only=True)
class InvitedUser:
    id: UUID
    service_id: UUID
    from_user_id: UUID
    email_address: str
    permissions: str  # comma-separated, as Notify's admin app sends and reads them
    created_at: datetime
    status: InviteStatus = InviteStatus.PENDING
    auth_type: AuthType = AuthType.SMS
    folder_permissions: str = ""  # comma-separated folder ids

    @property
    def permission_list(self) -> list[str]:
        return [p for p in self.permissions.split(",") if p]

    @property
    def folder_ids(self) -> list[UUID]:
        return [UUID(f) for f in self.folder_permissions.split(",") if f]

    def with_status(self, status: InviteStatus) -> InvitedUser:
        return evolve(self, status=status)


def checked_permissions(permissions: str) -> str:
    known = {p.value for p in UserPermission}
    unknown = sorted({p for p in permissions.split(",") if p} - known)
    if unknown:
        raise errors.ValidationFailed({"permissions": [f"{', '.join(unknown)} is not a valid permission"]})
    return permissions


@frozen(kw_only=True)
class InvitedOrganisationUser:
    """An invitation to join an organisation's team (organisation members all have the same permissions)."""

    id: UUID
    organisation_id: UUID
    invited_by_id: UUID
    email_address: str
    created_at: datetime
    status: InviteStatus = InviteStatus.PENDING

    def with_status(self, status: InviteStatus) -> InvitedOrganisationUser:
        return evolve(self, status=status)
