"""Admin API: /user (create and read; enough for the admin app to reach its services)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import falcon
from attrs import define

from notify.domain.constants import AuthType, UserState
from notify.domain.user import User
from notify.usecases import users as usecases
from notify.usecases.app import Notify
from notify.usecases.users import UserDetails

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
        "organisations": [],
        "organisation_permissions": {},
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
