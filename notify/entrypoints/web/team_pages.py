"""A service's team: its members and what each may do (Notify's permission groups), invitations by email, a
member's permissions changed or the member removed (never the last one), and an invitation accepted."""

from __future__ import annotations

import falcon

from notify.domain import errors
from notify.domain.constants import UserPermission as P
from notify.domain.invite import InvitedUser, InviteStatus
from notify.domain.service import ServiceUser
from notify.domain.user import User
from notify.usecases import invites, services
from notify.usecases.web_templates import Membership

from .pages import Page, PageNotFound, page_id, problems_of

# The groups the pages offer, as Notify's admin shows them, and the permissions each gives.
GROUPS: dict[str, tuple[str, frozenset[str]]] = {
    "view_activity": ("See dashboard and activity", frozenset({P.VIEW_ACTIVITY.value})),
    "send_messages": ("Send messages", frozenset({P.SEND_TEXTS.value, P.SEND_EMAILS.value, P.SEND_LETTERS.value})),
    "manage_templates": ("Add and edit templates", frozenset({P.MANAGE_TEMPLATES.value})),
    "manage_service": ("Manage settings and team", frozenset({P.MANAGE_USERS.value, P.MANAGE_SETTINGS.value})),
    "manage_api_keys": ("Manage API keys", frozenset({P.MANAGE_API_KEYS.value})),
}


def groups_of(permissions: frozenset[str]) -> list[str]:
    return [name for name, (_, given) in GROUPS.items() if given <= permissions]


def chosen(form: dict[str, str]) -> frozenset[str]:
    return frozenset().union(*(given for name, (_, given) in GROUPS.items() if form.get(f"permission-{name}")))


class TeamPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        members = services.service_users(self.notify, membership.service.id)
        pending = [i for i in invites.list_invites(self.notify, membership.service.id)
                   if i.status is InviteStatus.PENDING]
        self.render(req, resp, "team.html", signed_in=user, service=membership.service, members=members,
                    pending=pending, groups=GROUPS, groups_of=groups_of, can_manage=membership.can(P.MANAGE_USERS))


class InvitePage(Page):
    def _show(self, req: falcon.Request, resp: falcon.Response, service_id: str, status: int = 200,
              values: dict[str, str] | None = None, problems: dict[str, str] | None = None) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, P.MANAGE_USERS)
        self.render(req, resp, "invite.html", status=status, signed_in=user, service=membership.service,
                    groups=GROUPS, values=values or {"permission-view_activity": "on"}, errors=problems or {})

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        self._show(req, resp, service_id)

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, P.MANAGE_USERS)
        form = self.form(req)
        address = form.get("email_address", "").strip()
        if not address:
            self._show(req, resp, service_id, 400, form, {"email_address": "Enter an email address"})
            return
        try:
            invites.invite_to_service(self.notify, membership.service.id, from_user_id=user.id,
                                      email_address=address, permissions=",".join(sorted(chosen(form))),
                                      invite_link_host=self.web.emailed_url())
        except errors.NotifyError as exc:
            self._show(req, resp, service_id, 400, form, problems_of(exc, "email_address"))
            return
        self.redirect(req, resp, f"/services/{membership.service.id}/team")


class MemberPage(Page):
    """GET shows a member's permissions; POST saves them ("save") or removes the member ("remove")."""

    def _member(self, req: falcon.Request, service_id: str,
                user_id: str) -> tuple[User, Membership, User, ServiceUser]:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id, P.MANAGE_USERS)
        wanted = page_id(user_id)
        for found, member in services.service_users(self.notify, membership.service.id):
            if found.id == wanted:
                return user, membership, found, member
        raise PageNotFound()

    def _show(self, req: falcon.Request, resp: falcon.Response, service_id: str, user_id: str, status: int = 200,
              problems: dict[str, str] | None = None) -> None:
        user, membership, found, member = self._member(req, service_id, user_id)
        self.render(req, resp, "member.html", status=status, signed_in=user, service=membership.service,
                    member=found, groups=GROUPS, values={f"permission-{g}": "on" for g in groups_of(member.permissions)},
                    errors=problems or {})

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, user_id: str) -> None:
        self._show(req, resp, service_id, user_id)

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, user_id: str) -> None:
        _, membership, found, member = self._member(req, service_id, user_id)
        form = self.form(req)
        service_uuid = membership.service.id
        try:
            if form.get("action") == "remove":
                services.remove_user_from_service(self.notify, service_uuid, found.id)
            else:
                services.set_user_permissions(self.notify, service_uuid, found.id, permissions=chosen(form),
                                              folder_permissions=member.folder_permissions or ())
        except errors.NotifyError as exc:
            self._show(req, resp, service_id, user_id, 400, {"remove": exc.message})
            return
        self.redirect(req, resp, f"/services/{service_uuid}/team")


class InvitationPage(Page):
    """The link an invitation emails: someone without an account makes one and joins; someone signed in with
    the invited address joins."""

    def _invite(self, token: str) -> InvitedUser:
        try:
            invite = invites.invite_from_token(self.notify, token)
        except errors.NotifyError:
            raise PageNotFound() from None
        if invite.status is not InviteStatus.PENDING:
            raise PageNotFound()
        return invite

    def on_get(self, req: falcon.Request, resp: falcon.Response, token: str) -> None:
        invite = self._invite(token)
        self.render(req, resp, "invitation.html", signed_in=self.user(req), invite=invite, token=token, values={})

    def on_post(self, req: falcon.Request, resp: falcon.Response, token: str) -> None:
        invite = self._invite(token)
        form = self.form(req)
        user = self.user(req)
        if user is not None and user.email_address.lower() == invite.email_address.lower():
            invites.accept_invite(self.notify, invite.id, user.id)
            self.redirect(req, resp, f"/services/{invite.service_id}/dashboard")
            return
        values = {k: form.get(k, "") for k in ("name", "password")}
        problems: dict[str, str] = {}
        if not values["name"].strip():
            problems["name"] = "Enter your full name"
        if len(values["password"]) < 8:
            problems["password"] = "Enter a password of at least 8 characters"
        if not problems:
            try:
                invites.accept_invite_as_new_user(self.notify, invite.id, name=values["name"].strip(),
                                                  password=values["password"])
            except errors.NotifyError as exc:
                problems = problems_of(exc, "password")
            else:
                self.redirect(req, resp, "/sign-in")
                return
        self.render(req, resp, "invitation.html", status=400, signed_in=user, invite=invite, token=token,
                    values={"name": values["name"]}, errors=problems)
