"""Admin API: /user — create, read, find by email, update, check passwords, permissions on a service,
archive/activate, and what a user can reach (organisations and services)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.constants import AuthType, UserPermission, UserState
from notify.domain.errors import ValidationFailed
from notify.domain.user import User
from notify.usecases import services as service_usecases
from notify.usecases import users as usecases
from notify.usecases.app import Notify
from notify.usecases.users import OrganisationsAndServices, UserDetails

from .wire import body, dump, optional, parse, path_uuid, required

PASSWORD_CHANGED_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # Notify's user JSON uses this one, not ISO


@define(kw_only=True)
class CreateUser:
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
class UpdateUser:
    name: str = optional(max_length=255, not_blank=True)
    email_address: str = optional(max_length=255, not_blank=True)
    mobile_number: str | None = optional()
    auth_type: AuthType = optional()
    take_part_in_research: bool = optional()
    receives_new_features_email: bool = optional()
    platform_admin: bool = optional()  # declared only to be refused by name
    updated_by: UUID = optional()  # who made the change (Notify emails the user about it; we do not)


@define(kw_only=True)
class FindByEmail:
    email: str = required(not_blank=True)


@define(kw_only=True)
class CheckPassword:
    password: str = required()


@define(kw_only=True)
class PermissionEntry:
    permission: UserPermission


@define(kw_only=True)
class SetPermissions:
    permissions: list[PermissionEntry] = required()
    folder_permissions: list[UUID] = optional()


def _password_changed(value: datetime | None) -> str | None:
    return None if value is None else value.strftime(PASSWORD_CHANGED_FORMAT)


def user_json(user: User) -> dict[str, Any]:
    """The user's own fields, as every admin response that embeds a user shows them."""
    return {
        "id": str(user.id),
        "name": user.name,
        "email_address": user.email_address,
        "created_at": dump(user.created_at),
        "auth_type": user.auth_type.value,
        "current_session_id": dump(user.current_session_id),
        "failed_login_count": user.failed_login_count,
        "email_access_validated_at": dump(user.email_access_validated_at),
        "logged_in_at": dump(user.logged_in_at),
        "mobile_number": user.mobile_number,
        "password_changed_at": _password_changed(user.password_changed_at),
        "platform_admin": user.platform_admin,
        "can_use_webauthn": user.platform_admin or user.auth_type is AuthType.WEBAUTHN,
        "state": user.state.value,
        "take_part_in_research": user.take_part_in_research,
        "receives_new_features_email": user.receives_new_features_email,
    }


def user_details_json(details: UserDetails) -> dict[str, Any]:
    return {
        **user_json(details.user),
        "services": sorted(str(m.service_id) for m in details.memberships),
        "permissions": {str(m.service_id): sorted(m.permissions) for m in details.memberships},
        "organisations": sorted(str(m.organisation_id) for m in details.organisations),
        "organisation_permissions": {str(m.organisation_id): sorted(m.permissions) for m in details.organisations},
    }


def reach_json(found: OrganisationsAndServices) -> dict[str, Any]:
    return {
        "organisations": [{"id": str(o.id), "name": o.name, "count_of_live_services": live}
                          for o, live in found.organisations],
        "services": [{"id": str(s.id), "name": s.name, "restricted": s.restricted,
                      "organisation": dump(s.organisation_id)} for s in found.services],
    }


class UserResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /user
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        user = usecases.create_user(self._notify, **parse(body(req), CreateUser))
        resp.status = falcon.HTTP_201
        resp.media = {"data": user_details_json(UserDetails(user, []))}

    # /user/{user_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, user_id: str) -> None:
        resp.media = {"data": user_details_json(usecases.get_user(self._notify, path_uuid(user_id, "user_id")))}

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, user_id: str) -> None:
        uid = path_uuid(user_id, "user_id")
        values = parse(body(req), UpdateUser, partial=True)
        if "platform_admin" in values:
            raise ValidationFailed({"platform_admin": ["Not permitted to be updated"]})
        values.pop("updated_by", None)
        resp.media = {"data": user_details_json(usecases.update_user(self._notify, uid, values))}

    # /user/email
    def on_post_email(self, req: falcon.Request, resp: falcon.Response) -> None:
        email = parse(body(req), FindByEmail)["email"]
        resp.media = {"data": user_details_json(usecases.get_user_by_email(self._notify, email))}

    # /user/{user_id}/verify/password
    def on_post_password(self, req: falcon.Request, resp: falcon.Response, user_id: str) -> None:
        uid = path_uuid(user_id, "user_id")
        data = body(req)
        if "password" not in data:
            raise ValidationFailed({"password": ["Required field missing data"]})
        usecases.verify_password(self._notify, uid, parse(data, CheckPassword)["password"])
        resp.status = falcon.HTTP_204

    # /user/{user_id}/service/{service_id}/permission
    def on_post_permissions(self, req: falcon.Request, resp: falcon.Response, user_id: str,
                            service_id: str) -> None:
        uid, sid = path_uuid(user_id, "user_id"), path_uuid(service_id, "service_id")
        values = parse(body(req), SetPermissions)
        service_usecases.set_user_permissions(
            self._notify, sid, uid, permissions=[p.permission.value for p in values["permissions"]],
            folder_permissions=values.get("folder_permissions", []))
        resp.status = falcon.HTTP_204

    # /user/{user_id}/organisations-and-services
    def on_get_reach(self, req: falcon.Request, resp: falcon.Response, user_id: str) -> None:
        resp.media = reach_json(usecases.organisations_and_services(self._notify, path_uuid(user_id, "user_id")))

    # /user/{user_id}/archive
    def on_post_archive(self, req: falcon.Request, resp: falcon.Response, user_id: str) -> None:
        usecases.archive_user(self._notify, path_uuid(user_id, "user_id"))
        resp.status = falcon.HTTP_204

    # /user/{user_id}/activate
    def on_post_activate(self, req: falcon.Request, resp: falcon.Response, user_id: str) -> None:
        resp.media = {"data": user_details_json(usecases.activate_user(self._notify, path_uuid(user_id, "user_id")))}

    # /user/{user_id}/reset-failed-login-count
    def on_post_reset_failed_logins(self, req: falcon.Request, resp: falcon.Response, user_id: str) -> None:
        details = usecases.reset_failed_login_count(self._notify, path_uuid(user_id, "user_id"))
        resp.media = {"data": user_details_json(details)}
