"""Forgotten password: an emailed link (signed, a day long, used once) to choose a new one. A reset also
unlocks the account and ends any session."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import falcon

from notify.domain import errors
from notify.usecases import account_links, user_accounts, users, web_sign_in

from .pages import Page, PageNotFound

MIN_PASSWORD_LENGTH = 8


class ForgotPasswordPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        self.render(req, resp, "forgot_password.html", values={}, sent=False)

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        form = self.form(req)
        email = form.get("email_address", "").strip()
        if not email:
            self.render(req, resp, "forgot_password.html", status=400, values={}, sent=False,
                        errors={"email_address": "Enter your email address"})
            return
        try:
            account_links.send_password_reset(self.notify, email, admin_base_url=self.web.emailed_url())
        except errors.UserNotFound:
            pass  # the same answer either way: the page does not tell who has an account
        self.render(req, resp, "forgot_password.html", values={}, sent=True)


class NewPasswordPage(Page):
    def _user_id(self, token: str) -> UUID:
        try:
            payload = account_links.read_token(self.notify, account_links.PASSWORD_RESET, token)
            user = users.get_user_by_email(self.notify, str(payload["email"])).user
            asked_at = datetime.fromisoformat(str(payload["created_at"]))
        except (errors.NotifyError, KeyError, ValueError):
            raise PageNotFound() from None
        if user.password_changed_at is not None and user.password_changed_at >= asked_at:
            raise PageNotFound()  # used already (or a newer password was set since it was asked for)
        return user.id

    def on_get(self, req: falcon.Request, resp: falcon.Response, token: str) -> None:
        self._user_id(token)
        self.render(req, resp, "new_password.html")

    def on_post(self, req: falcon.Request, resp: falcon.Response, token: str) -> None:
        user_id = self._user_id(token)
        password = self.form(req).get("password", "")
        if len(password) < MIN_PASSWORD_LENGTH:
            self.render(req, resp, "new_password.html", status=400,
                        errors={"password": f"Your password must be at least {MIN_PASSWORD_LENGTH} characters"})
            return
        user_accounts.update_password(self.notify, user_id, password, validated_email_access=True)
        users.reset_failed_login_count(self.notify, user_id)
        web_sign_in.end_session(self.notify, user_id)
        self.redirect(req, resp, "/sign-in", self.web.sessions.fresh())
