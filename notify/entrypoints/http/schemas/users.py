"""Users: creation, changes, look-ups, permissions on a service, and how a user is shown (on its own, with its
services and organisations, and as a member of a service)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.constants import AuthType, UserPermission, UserState
from notify.domain.errors import ValidationFailed
from notify.domain.service import ServiceUser
from notify.domain.user import User
from notify.usecases.users import OrganisationsAndServices, UserDetails

from .fields import Changes, optional, required

PASSWORD_CHANGED_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # Notify's user JSON uses this one, not ISO


@define(kw_only=True)
class CreateUser(Changes):
    name: str = required(max_length=255, not_blank=True)
    email_address: str = required(max_length=255)
    password: str = required(not_blank=True)
    mobile_number: str | None = optional()
    auth_type: AuthType = optional()
    state: UserState = optional()
    platform_admin: bool = optional()
    take_part_in_research: bool = optional()
    receives_new_features_email: bool = optional()


@define(kw_only=True)
class UpdateUser(Changes):
    name: str = optional(max_length=255, not_blank=True)
    email_address: str = optional(max_length=255, not_blank=True)
    mobile_number: str | None = optional()
    auth_type: AuthType = optional()
    take_part_in_research: bool = optional()
    receives_new_features_email: bool = optional()
    platform_admin: bool = optional()  # declared only to be refused by name
    updated_by: UUID = optional()  # who made the change (Notify emails the user about it; we do not)

    def user_changes(self) -> dict[str, Any]:
        if "platform_admin" in self.given:
            raise ValidationFailed({"platform_admin": ["Not permitted to be updated"]})
        return {name: value for name, value in self.changed().items() if name != "updated_by"}


@define(kw_only=True)
class FindByEmail:
    email: str = required(not_blank=True)


@define(kw_only=True)
class CheckPassword:
    password: str = required()


def password_given(data: dict[str, Any]) -> None:
    """Notify words a missing password its own way here."""
    if "password" not in data:
        raise ValidationFailed({"password": ["Required field missing data"]})


@define(kw_only=True)
class PermissionEntry:
    permission: UserPermission = required()


@define(kw_only=True)
class SetPermissions:
    permissions: list[PermissionEntry] = required()
    folder_permissions: list[UUID] = optional(factory=list)


@define(kw_only=True)
class UserOut:
    """The user's own fields, as every admin response that embeds a user shows them."""

    id: UUID
    name: str
    email_address: str
    created_at: datetime
    auth_type: AuthType
    current_session_id: UUID | None
    failed_login_count: int
    email_access_validated_at: datetime | None
    logged_in_at: datetime | None
    mobile_number: str | None
    password_changed_at: str | None
    platform_admin: bool
    can_use_webauthn: bool
    state: UserState
    take_part_in_research: bool
    receives_new_features_email: bool

    @classmethod
    def fields_of(cls, user: User) -> dict[str, Any]:
        changed = user.password_changed_at
        return dict(
            id=user.id, name=user.name, email_address=user.email_address, created_at=user.created_at,
            auth_type=user.auth_type, current_session_id=user.current_session_id,
            failed_login_count=user.failed_login_count, email_access_validated_at=user.email_access_validated_at,
            logged_in_at=user.logged_in_at, mobile_number=user.mobile_number,
            password_changed_at=None if changed is None else changed.strftime(PASSWORD_CHANGED_FORMAT),
            platform_admin=user.platform_admin,
            can_use_webauthn=user.platform_admin or user.auth_type is AuthType.WEBAUTHN, state=user.state,
            take_part_in_research=user.take_part_in_research,
            receives_new_features_email=user.receives_new_features_email)

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(**cls.fields_of(user))


@define(kw_only=True)
class UserDetailsOut(UserOut):
    services: list[UUID]
    permissions: dict[str, list[str]]
    organisations: list[UUID]
    organisation_permissions: dict[str, list[str]]

    @classmethod
    def of_details(cls, details: UserDetails) -> UserDetailsOut:
        return cls(**cls.fields_of(details.user),
                   services=sorted((m.service_id for m in details.memberships), key=str),
                   permissions={str(m.service_id): sorted(m.permissions) for m in details.memberships},
                   organisations=sorted((m.organisation_id for m in details.organisations), key=str),
                   organisation_permissions={str(m.organisation_id): sorted(m.permissions)
                                             for m in details.organisations})


@define(kw_only=True)
class MemberOut(UserOut):
    """A user as a member of one service."""

    permissions: list[str]
    folder_permissions: list[str]

    @classmethod
    def of_member(cls, user: User, member: ServiceUser) -> MemberOut:
        return cls(**cls.fields_of(user), permissions=sorted(member.permissions),
                   folder_permissions=sorted(str(f) for f in member.folder_permissions))


@define(kw_only=True)
class OrganisationReach:
    id: UUID
    name: str
    count_of_live_services: int


@define(kw_only=True)
class ServiceReach:
    id: UUID
    name: str
    restricted: bool
    organisation: UUID | None


@define(kw_only=True)
class Reach:
    organisations: list[OrganisationReach]
    services: list[ServiceReach]

    @classmethod
    def of(cls, found: OrganisationsAndServices) -> Reach:
        return cls(organisations=[OrganisationReach(id=o.id, name=o.name, count_of_live_services=live)
                                  for o, live in found.organisations],
                   services=[ServiceReach(id=s.id, name=s.name, restricted=s.restricted,
                                          organisation=s.organisation_id) for s in found.services])


