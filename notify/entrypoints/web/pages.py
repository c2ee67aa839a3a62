"""What every page shares: rendering with the layout, security headers, the session, CSRF on every form,
and who is signed in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol
from uuid import UUID

import falcon
import jinja2

from notify.domain import errors
from notify.domain.user import User
from notify.domain.constants import UserPermission
from notify.usecases import web_sign_in, web_templates
from notify.usecases.web_templates import Membership
from notify.usecases.app import Notify

from .session import Sessions

# No script, no inline style, nothing from elsewhere, never framed: the pages work with JavaScript off.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")


class SentMessage(Protocol):
    @property
    def to(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def details(self) -> dict[str, Any]: ...


Outbox = Callable[[], Sequence[SentMessage]]


class Web:
    """The collaborators every page resource holds."""

    auth = "none"  # the pages check their own session, not the admin API's token

    def __init__(self, notify: Notify, sessions: Sessions, prefix: str, *, setup_token: str,
                 outbox: Outbox | None = None, outbox_open: bool = False) -> None:
        self.notify = notify
        self.sessions = sessions
        self.prefix = prefix
        self.setup_token = setup_token
        self.outbox = outbox
        self.outbox_open = outbox_open  # shown to anyone (local development), not only to platform admins
        self.env = jinja2.Environment(loader=jinja2.PackageLoader("notify.entrypoints.web", "templates"),
                                      autoescape=True, undefined=jinja2.StrictUndefined)

    def url(self, path: str = "") -> str:
        return f"{self.prefix}{path}"

    def emailed_url(self, path: str = "") -> str:
        """An absolute link for an email: from the configured public address, never from the request's Host
        header (a forged one would send someone's sign-in or reset link to another site)."""
        return f"{self.notify.base_url()}{self.prefix}{path}"


class Page:
    """Base of every page resource."""

    auth = "none"

    def __init__(self, web: Web) -> None:
        self.web = web
        self.notify = web.notify

    def session(self, req: falcon.Request) -> dict[str, Any]:
        if "web_session" not in req.context:
            req.context.web_session = self.web.sessions.load(req)
        session: dict[str, Any] = req.context.web_session
        return session

    def user(self, req: falcon.Request) -> User | None:
        session = self.session(req)
        if "user" not in session or "sid" not in session:
            return None
        try:
            return web_sign_in.session_user(self.notify, UUID(session["user"]), UUID(session["sid"]))
        except ValueError:
            return None

    def signed_in(self, req: falcon.Request) -> User:
        """The signed-in user, or a redirect to sign in."""
        user = self.user(req)
        if user is None:
            raise falcon.HTTPSeeOther(self.web.url("/sign-in"))
        return user

    def form(self, req: falcon.Request) -> dict[str, str]:
        """The posted form (one value a field), after its CSRF token was checked."""
        media = req.get_media(default_when_empty={}) if req.content_length else {}
        values = {str(k): (v[0] if isinstance(v, list) else str(v)) for k, v in dict(media).items()}
        if not self.web.sessions.check_csrf(self.session(req), values.get("csrf_token")):
            raise falcon.HTTPForbidden(title="Forbidden", description="The form has expired: go back and try again")
        return values

    def render(self, req: falcon.Request, resp: falcon.Response, template_name: str, /, *, status: int = 200,
               **context: Any) -> None:
        session = self.session(req)
        page = self.web.env.get_template(template_name)
        resp.status = falcon.code_to_http_status(status)
        resp.content_type = "text/html; charset=utf-8"
        resp.text = page.render(csrf_token=self.web.sessions.csrf_token(session), url=self.web.url,
                                signed_in=context.pop("signed_in", None), errors=context.pop("errors", {}),
                                **context)
        secure(resp)
        self.web.sessions.save(req, resp, session)

    def member(self, req: falcon.Request, user: User, service_id: str,
               permission: UserPermission | None = None) -> Membership:
        """The service this page is about, if the user may see it (and do `permission` there)."""
        try:
            membership = web_templates.service_for(self.notify, user, page_id(service_id))
        except errors.NotFound:
            raise PageNotFound() from None
        if permission is not None and not membership.can(permission):
            raise PageForbidden("You do not have permission to do that")
        return membership

    def redirect(self, req: falcon.Request, resp: falcon.Response, path: str,
                 session: dict[str, Any] | None = None) -> None:
        self.web.sessions.save(req, resp, self.session(req) if session is None else session)
        secure(resp)
        resp.status = falcon.HTTP_303
        resp.location = self.web.url(path)


class PageNotFound(Exception):
    """Answered with the HTML "Page not found" (another service's pages too: they do not exist for this user)."""


class PageForbidden(Exception):
    """Answered with an HTML page saying what this member may not do (a service's member, so it exists)."""


def page_id(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise PageNotFound() from None


def problems_of(exc: errors.NotifyError, default_field: str) -> dict[str, str]:
    """A refusal from the core as one message a form field (the error summary links to each)."""
    if isinstance(exc, errors.ValidationFailed):
        return {name: " ".join(messages) for name, messages in exc.errors.items()}
    return {exc.field or default_field: exc.message}


def secure(resp: falcon.Response) -> None:
    resp.set_header("Content-Security-Policy", CSP)
    resp.set_header("X-Content-Type-Options", "nosniff")
    resp.set_header("Referrer-Policy", "no-referrer")
    resp.set_header("X-Frame-Options", "DENY")
    resp.set_header("Cache-Control", "no-store")


class NotFoundPage(Page):
    def handle(self, req: falcon.Request, resp: falcon.Response, ex: Exception, params: Any) -> None:
        self.render(req, resp, "not_found.html", status=404, signed_in=self.user(req))


class ForbiddenPage(Page):
    def handle(self, req: falcon.Request, resp: falcon.Response, ex: Exception, params: Any) -> None:
        self.render(req, resp, "forbidden.html", status=403, signed_in=self.user(req), reason=str(ex))
