"""First run, sign in (password, then a code by text message or a link by email), sign out, and the development
outbox."""

from __future__ import annotations

import hmac
from uuid import UUID, uuid4

import falcon

from notify.domain import errors
from notify.domain.constants import AuthType
from notify.domain.verify_code import CodeType
from notify.usecases import verify_codes, web_sign_in

from .pages import Page, PageNotFound, page_id
from .session import CODE_SECONDS


class SetUpPage(Page):
    """The one-time set-up link printed by `notify serve` while there is no user: create the first admin."""

    def _check(self, token: str) -> None:
        if not hmac.compare_digest(token, self.web.setup_token) or not web_sign_in.needs_first_admin(self.notify):
            raise falcon.HTTPNotFound()

    def on_get(self, req: falcon.Request, resp: falcon.Response, token: str) -> None:
        self._check(token)
        self.render(req, resp, "set_up.html", values={}, token=token)

    def on_post(self, req: falcon.Request, resp: falcon.Response, token: str) -> None:
        self._check(token)
        form = self.form(req)
        values = {k: form.get(k, "").strip() for k in ("name", "email_address")}
        password = form.get("password", "")
        problems = {}
        if not values["name"]:
            problems["name"] = "Enter your name"
        if not values["email_address"]:
            problems["email_address"] = "Enter your email address"
        if len(password) < 8:
            problems["password"] = "Your password must be at least 8 characters"
        if not problems:
            try:
                web_sign_in.create_first_admin(self.notify, password=password, **values)
            except errors.NotifyError as exc:
                problems[exc.field or "email_address"] = exc.message
        if problems:
            self.render(req, resp, "set_up.html", status=400, values=values, token=token, errors=problems)
            return
        self.redirect(req, resp, "/sign-in")


class SignInPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        if self.user(req) is not None:
            self.redirect(req, resp, "/")
            return
        self.render(req, resp, "sign_in.html", values={})

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        form = self.form(req)
        email = form.get("email_address", "").strip()
        problems = {}
        if not email:
            problems["email_address"] = "Enter your email address"
        if not form.get("password"):
            problems["password"] = "Enter your password"
        user = None
        if not problems:
            try:
                user = web_sign_in.check_password(self.notify, email, form["password"])
            except errors.NotifyError as exc:
                problems["password"] = exc.message
        if user is None or user.locked:
            problems.setdefault("password", web_sign_in.WRONG_DETAILS)
            self.render(req, resp, "sign_in.html", status=400, values={"email_address": email}, errors=problems)
            return
        # the second factor the user chose: a code by text message, or a link by email (Notify's two)
        if user.auth_type == AuthType.SMS and user.mobile_number:
            verify_codes.send_sms_code(self.notify, user.id)
            next_page = "/sign-in/code"
        else:
            verify_codes.send_email_code(self.notify, user.id, email_auth_link_host=self.web.emailed_url())
            next_page = "/sign-in/check-email"
        session = self.web.sessions.fresh()
        session.update(pending=str(user.id), code_sent=self.web.sessions.now())
        self.redirect(req, resp, next_page, session)


def _verified(page: Page, user_id: UUID, code: str, code_type: CodeType) -> UUID | str:
    """The new session's id once the code is the user's (the admin API's check: a wrong or used code counts
    as a failed login, a locked user's never passes), or what to tell them."""
    try:
        return verify_codes.verify_code(page.notify, user_id, code, code_type).current_session_id or uuid4()
    except errors.NotifyError as exc:
        return exc.message


def _signed_in(page: Page, req: falcon.Request, resp: falcon.Response, user_id: UUID, session_id: UUID) -> None:
    session = page.web.sessions.fresh()
    session.update(user=str(user_id), sid=str(session_id))
    page.redirect(req, resp, "/", session)


class CodePage(Page):
    """The code texted to a user who signs in by text message."""

    def _pending(self, req: falcon.Request) -> UUID:
        session = self.session(req)
        if "pending" not in session or self.web.sessions.now() - float(session.get("code_sent", 0)) > CODE_SECONDS:
            raise falcon.HTTPSeeOther(self.web.url("/sign-in"))
        return UUID(session["pending"])

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        self._pending(req)
        self.render(req, resp, "code.html")

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        user_id = self._pending(req)
        form = self.form(req)
        code = "".join(form.get("code", "").split())
        outcome = _verified(self, user_id, code, CodeType.SMS) if code else "Enter the code we sent you"
        if isinstance(outcome, str):
            self.render(req, resp, "code.html", status=400, errors={"code": outcome})
            return
        _signed_in(self, req, resp, user_id, outcome)


class CheckEmailPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        self.render(req, resp, "check_email.html")


class EmailAuthPage(Page):
    """The link emailed to a user who signs in by email: a button to continue (a mail scanner that follows
    links does not use the code up)."""

    def on_get(self, req: falcon.Request, resp: falcon.Response, user_id: str, code: str) -> None:
        page_id(user_id)
        self.render(req, resp, "email_auth.html", link=f"/email-auth/{user_id}/{code}")

    def on_post(self, req: falcon.Request, resp: falcon.Response, user_id: str, code: str) -> None:
        user = page_id(user_id)
        self.form(req)
        outcome = _verified(self, user, code, CodeType.EMAIL)
        if isinstance(outcome, str):
            self.render(req, resp, "email_auth.html", status=400, link=f"/email-auth/{user_id}/{code}",
                        errors={"continue": outcome})
            return
        _signed_in(self, req, resp, user, outcome)


class SignOutPage(Page):
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        self.form(req)
        user = self.user(req)
        if user is not None:
            web_sign_in.end_session(self.notify, user.id)
        self.redirect(req, resp, "/sign-in", self.web.sessions.fresh())


class OutboxPage(Page):
    """Development only (the fake providers are in use): what they were handed, newest first, so the
    sign-in code can be read without a real inbox. It holds others' codes and messages: a signed-in platform
    admin's alone unless the server was started to show it to anyone."""

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        if self.web.outbox is None:
            raise falcon.HTTPNotFound()
        if not self.web.outbox_open:
            user = self.user(req)
            if user is None or not user.platform_admin:
                raise PageNotFound()
        self.render(req, resp, "outbox.html", messages=list(reversed(self.web.outbox()))[:50])
