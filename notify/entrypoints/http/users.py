"""Admin API: /user — create, read, find by email, update, check passwords, permissions on a service,
archive/activate, and what a user can reach (organisations and services)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import services as service_usecases
from notify.usecases import users as usecases
from notify.usecases.app import Notify
from notify.usecases.users import UserDetails

from .operation import operation
from .schemas.reading import checked_body
from .schemas.users import (
    CheckPassword, CreateUser, FindByEmail, Reach, SetPermissions, UpdateUser, UserDetailsOut, password_given,
)


class UserResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /user
    @operation(body=CreateUser, response=UserDetailsOut, key="data", status=201)
    def on_post(self, req: falcon.Request, body: CreateUser) -> UserDetailsOut:
        """A new user."""
        return UserDetailsOut.of_details(UserDetails(usecases.create_user(self._notify, **body.changed()), []))

    # /user/{user_id}
    @operation(response=UserDetailsOut, key="data")
    def on_get_item(self, req: falcon.Request, user_id: UUID) -> UserDetailsOut:
        """A user, with their services and organisations."""
        return UserDetailsOut.of_details(usecases.get_user(self._notify, user_id))

    @operation(body=UpdateUser, response=UserDetailsOut, key="data")
    def on_post_item(self, req: falcon.Request, user_id: UUID, body: UpdateUser) -> UserDetailsOut:
        """Change the named fields of a user."""
        return UserDetailsOut.of_details(usecases.update_user(self._notify, user_id, body.user_changes()))

    # /user/email
    @operation(body=FindByEmail, response=UserDetailsOut, key="data")
    def on_post_email(self, req: falcon.Request, body: FindByEmail) -> UserDetailsOut:
        """The user with this email address."""
        return UserDetailsOut.of_details(usecases.get_user_by_email(self._notify, body.email))

    # /user/{user_id}/verify/password
    @operation(body=CheckPassword, source=checked_body(password_given), status=204)
    def on_post_password(self, req: falcon.Request, user_id: UUID, body: CheckPassword) -> None:
        """Whether this is the user's password (204, else 400 and a failed login counted)."""
        usecases.verify_password(self._notify, user_id, body.password)

    # /user/{user_id}/service/{service_id}/permission
    @operation(body=SetPermissions, status=204)
    def on_post_permissions(self, req: falcon.Request, user_id: UUID, service_id: UUID,
                            body: SetPermissions) -> None:
        """Replace the user's permissions on a service."""
        service_usecases.set_user_permissions(
            self._notify, service_id, user_id, permissions=[p.permission.value for p in body.permissions],
            folder_permissions=body.folder_permissions)

    # /user/{user_id}/organisations-and-services
    @operation(response=Reach)
    def on_get_reach(self, req: falcon.Request, user_id: UUID) -> Reach:
        """The organisations and services the user can reach."""
        return Reach.of(usecases.organisations_and_services(self._notify, user_id))

    # /user/{user_id}/archive
    @operation(status=204)
    def on_post_archive(self, req: falcon.Request, user_id: UUID) -> None:
        """Archive a user (taken out of every service)."""
        usecases.archive_user(self._notify, user_id)

    # /user/{user_id}/activate
    @operation(response=UserDetailsOut, key="data")
    def on_post_activate(self, req: falcon.Request, user_id: UUID) -> UserDetailsOut:
        """Activate a pending user."""
        return UserDetailsOut.of_details(usecases.activate_user(self._notify, user_id))

    # /user/{user_id}/reset-failed-login-count
    @operation(response=UserDetailsOut, key="data")
    def on_post_reset_failed_logins(self, req: falcon.Request, user_id: UUID) -> UserDetailsOut:
        """Forget the user's failed logins."""
        return UserDetailsOut.of_details(usecases.reset_failed_login_count(self._notify, user_id))
