"""Server-rendered web pages (Jinja2) under one path prefix of `notify serve`: they parse a form, call a use
case and present, as the HTTP API's resources do, and work with JavaScript off."""

from __future__ import annotations

import hashlib
import hmac

import falcon

from notify.usecases.app import Notify

from .activity_page import ActivityPage
from .api_key_pages import ApiKeysPage, NewApiKeyPage, RevokeApiKeyPage
from .dashboard_page import DashboardPage
from .home import HomePage
from .job_pages import JobPage, StartJobPage, UploadPage
from .password_pages import ForgotPasswordPage, NewPasswordPage
from .pages import ForbiddenPage, NotFoundPage, Outbox, PageForbidden, PageNotFound, Web
from .platform_pages import platform_routes
from .send_pages import NotificationPage, SendPage
from .session import Sessions
from .settings_pages import SettingsPage, SettingsSectionPage
from .sign_in import CheckEmailPage, CodePage, EmailAuthPage, OutboxPage, SetUpPage, SignInPage, SignOutPage
from .static import StaticFile
from .team_pages import InvitationPage, InvitePage, MemberPage, TeamPage
from .templates_pages import ArchivePage, TemplateFormPage, TemplatePage, TemplatesPage, VersionsPage
from .unsubscribe_page import UnsubscribePage

PREFIX = "/admin-ui"


def setup_token(secret: str) -> str:
    """The first-run link's token: derived from the server's secret, so only who reads the server's output
    (or holds the secret) can create the first admin."""
    return hmac.new(secret.encode(), b"notify-web-first-run", hashlib.sha256).hexdigest()[:32]


def session_key(secret: str) -> bytes:
    """The key that signs the session cookies, derived from the server's secret."""
    return hmac.new(secret.encode(), b"notify-web-sessions", hashlib.sha256).digest()


def mount(app: falcon.App, notify: Notify, *, secret: str, outbox: Outbox | None = None,  # type: ignore[type-arg]
          outbox_open: bool = False, prefix: str = PREFIX) -> None:
    """Add the pages to the app. `secret` keys the session cookies (a server secret, kept across restarts for
    sessions to survive them); `outbox` (development, fake providers) lists what they were handed."""
    web = Web(notify, Sessions(session_key(secret)), prefix, setup_token=setup_token(secret), outbox=outbox,
              outbox_open=outbox_open)
    routes = [
        ("", HomePage(web)),
        ("/set-up/{token}", SetUpPage(web)),
        ("/sign-in", SignInPage(web)),
        ("/sign-in/code", CodePage(web)),
        ("/sign-in/check-email", CheckEmailPage(web)),
        ("/email-auth/{user_id}/{code}", EmailAuthPage(web)),
        ("/sign-out", SignOutPage(web)),
        ("/dev/outbox", OutboxPage(web)),
        ("/forgot-password", ForgotPasswordPage(web)),
        ("/new-password/{token}", NewPasswordPage(web)),
        ("/unsubscribe/{notification_id}/{token}", UnsubscribePage(web)),
        ("/static/{name}", StaticFile()),
    ]
    form = TemplateFormPage(web)
    routes += [
        ("/services/{service_id}/dashboard", DashboardPage(web)),
        ("/services/{service_id}/activity", ActivityPage(web)),
        ("/services/{service_id}/team", TeamPage(web)),
        ("/services/{service_id}/team/invite", InvitePage(web)),
        ("/services/{service_id}/team/{user_id}", MemberPage(web)),
        ("/invitation/{token}", InvitationPage(web)),
        ("/services/{service_id}/api-keys", ApiKeysPage(web)),
        ("/services/{service_id}/api-keys/new", NewApiKeyPage(web)),
        ("/services/{service_id}/api-keys/{key_id}/revoke", RevokeApiKeyPage(web)),
        ("/services/{service_id}/templates", TemplatesPage(web)),
        ("/services/{service_id}/templates/new", form),
        ("/services/{service_id}/templates/{template_id}", TemplatePage(web)),
        ("/services/{service_id}/templates/{template_id}/edit", form),
        ("/services/{service_id}/templates/{template_id}/versions", VersionsPage(web)),
        ("/services/{service_id}/templates/{template_id}/archive", ArchivePage(web)),
        ("/services/{service_id}/templates/{template_id}/send", SendPage(web)),
        ("/services/{service_id}/notifications/{notification_id}", NotificationPage(web)),
        ("/services/{service_id}/templates/{template_id}/upload", UploadPage(web)),
        ("/services/{service_id}/uploads/{upload_id}/send", StartJobPage(web)),
        ("/services/{service_id}/jobs/{job_id}", JobPage(web)),
        ("/services/{service_id}/settings", SettingsPage(web)),
        ("/services/{service_id}/settings/{section}", SettingsSectionPage(web)),
    ]
    routes += platform_routes(web)
    for path, resource in routes:
        app.add_route(prefix + path, resource)
    not_found = NotFoundPage(web)
    app.add_error_handler(PageNotFound, not_found.handle)
    app.add_error_handler(PageForbidden, ForbiddenPage(web).handle)
