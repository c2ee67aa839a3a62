"""First run, sign in (password, then a code sent by email), sign out, and the development outbox."""

from __future__ import annotations

import hmac
import secrets
from uuid import UUID

import falcon

from notify.domain import errors
from notify.usecases import web_sign_in

from .pages import Page, PageNotFound
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
        code = f"{secrets.randbelow(100000):05d}"
        web_sign_in.send_sign_in_code(self.notify, user.id, code)
        session = self.web.sessions.fresh()
        session.update(pending=str(user.id), code=self.web.sessions.digest(str(user.id), code),
                       code_sent=self.web.sessions.now())
        self.redirect(req, resp, "/sign-in/code", session)


class CodePage(Page):
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
        expected = self.session(req)["code"]
        if not hmac.compare_digest(self.web.sessions.digest(str(user_id), code), expected):
            web_sign_in.wrong_code(self.notify, user_id)
            self.render(req, resp, "code.html", status=400,
                        errors={"code": "Code not found" if code else "Enter the code we sent you"})
            return
        try:
            session_id = web_sign_in.start_session(self.notify, user_id)
        except errors.Forbidden as exc:
            self.render(req, resp, "code.html", status=400, errors={"code": exc.message})
            return
        session = self.web.sessions.fresh()
        session.update(user=str(user_id), sid=str(session_id))
        self.redirect(req, resp, "/", session)


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
