"""Admin API: a user's own account. New password, search by email, and the emails with signed links
(password reset, confirming an email address, a changed address, 'you already have an account')."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import account_links, organisation_permissions, user_accounts
from notify.usecases.app import Notify
from notify.usecases.users import get_user

from .operation import operation
from .schemas.accounts import EmailSearch, EmailWithLinkBase, LinkBase, NewPassword, PasswordResetRequest, UserListed
from .schemas.organisations import AddOrganisationUser
from .schemas.users import UserDetailsOut


class AccountResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /user/{user_id}/update-password
    @operation(body=NewPassword, response=UserDetailsOut, key="data")
    def on_post_password(self, req: falcon.Request, user_id: UUID, body: NewPassword) -> UserDetailsOut:
        """Set a new password."""
        user_accounts.update_password(self._notify, user_id, body._password,
                                      validated_email_access=body.validated_email_access)
        return UserDetailsOut.of_details(get_user(self._notify, user_id))

    # /user/find-users-by-email
    @operation(body=EmailSearch, response=list[UserListed], key="data")
    def on_post_search(self, req: falcon.Request, body: EmailSearch) -> list[UserListed]:
        """Users whose email address contains the text given."""
        return [UserListed.of(u) for u in user_accounts.find_users_by_email(self._notify, body.email)]

    # /user/reset-password
    @operation(body=PasswordResetRequest, status=204)
    def on_post_reset(self, req: falcon.Request, body: PasswordResetRequest) -> None:
        """Email the user a link to choose a new password (404 for an unknown address)."""
        account_links.send_password_reset(self._notify, body.email, admin_base_url=body.admin_base_url,
                                          next_url=body.next)

    # /user/{user_id}/email-verification
    @operation(body=LinkBase, status=204)
    def on_post_verification(self, req: falcon.Request, user_id: UUID, body: LinkBase) -> None:
        """Email a new user a link confirming their address."""
        account_links.send_email_verification(self._notify, user_id, admin_base_url=body.admin_base_url)

    # /user/{user_id}/change-email-verification
    @operation(body=EmailWithLinkBase, status=204)
    def on_post_change_email(self, req: falcon.Request, user_id: UUID, body: EmailWithLinkBase) -> None:
        """Email the new address a link confirming the change."""
        account_links.send_change_email_verification(self._notify, user_id, body.email,
                                                     admin_base_url=body.admin_base_url)

    # /user/{user_id}/email-already-registered
    @operation(body=EmailWithLinkBase, status=204)
    def on_post_already_registered(self, req: falcon.Request, user_id: UUID, body: EmailWithLinkBase) -> None:
        """Tell the owner of an address that someone tried to register it again."""
        account_links.send_already_registered(self._notify, body.email, admin_base_url=body.admin_base_url)

    # /user/{user_id}/organisation/{organisation_id}/permissions
    @operation(body=AddOrganisationUser, status=204)
    def on_post_org_permissions(self, req: falcon.Request, user_id: UUID, organisation_id: UUID,
                                body: AddOrganisationUser) -> None:
        """Replace what the user may do in the organisation they belong to."""
        organisation_permissions.set_organisation_permissions(
            self._notify, user_id, organisation_id, [p.permission for p in body.permissions])
