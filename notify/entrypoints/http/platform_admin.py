"""Admin API: /platform-admin lookups."""

from __future__ import annotations

import falcon

from notify.domain.errors import ValidationFailed
from notify.usecases import platform_admin as usecases
from notify.usecases import users
from notify.usecases.app import Notify

from .operation import operation
from .schemas.platform_admin import FindByUuid, FoundOut, UsersListQuery
from .schemas.users import UserDetailsOut


class PlatformAdminResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /platform-admin/find-by-uuid
    @operation(body=FindByUuid, response=FoundOut)
    def on_post_find(self, req: falcon.Request, body: FindByUuid) -> FoundOut:
        """What kind of record an id names, with its service where it has one; 404 when nothing has it."""
        return FoundOut.of(usecases.find_by_uuid(self._notify, body.uuid))

    # /platform-admin/users-list
    @operation(body=UsersListQuery, response=list[UserDetailsOut], key="data")
    def on_post_users(self, req: falcon.Request, body: UsersListQuery) -> list[UserDetailsOut]:
        """Users by sign-in and creation dates and research consent, each with their services."""
        if body.criteria() == UsersListQuery().criteria():
            raise ValidationFailed({"body": ["{} does not have enough properties"]})
        return [UserDetailsOut.of_details(d) for d in users.users_list(self._notify, body.criteria())]
