"""The WSGI app: every route in one table, auth and errors installed once."""

from __future__ import annotations

import falcon

from notify.usecases.app import Notify

from . import errors
from .auth import AuthMiddleware
from .organisations import OrganisationResources
from .provider_callbacks import FakeProviderCallbackResource
from .services import ServiceResources
from .status import StatusResource
from .users import UserResources
from .v2_notifications import NotificationsResource, ReceivedTextMessagesResource
from .v2_templates import TemplateResource, TemplatesResource


def create_app(notify: Notify) -> falcon.App:
    app = falcon.App(middleware=[AuthMiddleware(notify)])
    app.req_options.strip_url_path_trailing_slash = True
    errors.install(app)

    status = StatusResource(notify)
    services = ServiceResources(notify)
    users = UserResources(notify)
    organisations = OrganisationResources(notify)
    v2_notifications = NotificationsResource(notify)
    v2_template = TemplateResource(notify)
    routes: list[tuple[str, object, str | None]] = [
        ("/_status", status, None),
        ("/service", services, None),
        ("/service/find-services-by-name", services, "find"),
        ("/service/{service_id}", services, "item"),
        ("/service/{service_id}/archive", services, "archive"),
        ("/service/{service_id}/users", services, "users"),
        ("/service/{service_id}/users/{user_id}", services, "user"),
        ("/service/{service_id}/history", services, "history"),
        ("/service/{service_id}/guest-list", services, "guest_list"),
        ("/service/{service_id}/statistics", services, "statistics"),
        ("/service/{service_id}/notifications/monthly", services, "monthly"),
        ("/user", users, None),
        ("/user/{user_id}", users, "item"),
        ("/organisations", organisations, None),
        ("/organisations/{organisation_id}", organisations, "item"),
        # public API (service API keys)
        ("/v2/notifications", v2_notifications, None),
        ("/v2/notifications/sms", v2_notifications, "sms"),
        ("/v2/notifications/email", v2_notifications, "email"),
        ("/v2/notifications/letter", v2_notifications, "letter"),
        ("/v2/notifications/{notification_id}", v2_notifications, "item"),
        ("/v2/template/{template_id}", v2_template, None),
        ("/v2/template/{template_id}/version/{version:int}", v2_template, "version"),
        ("/v2/template/{template_id}/preview", v2_template, "preview"),
        ("/v2/templates", TemplatesResource(notify), None),
        ("/v2/received-text-messages", ReceivedTextMessagesResource(notify), None),
        # provider delivery receipts (no JWT, as Notify's provider callbacks)
        ("/notifications/{notification_type}/fake/{provider}", FakeProviderCallbackResource(notify), None),
    ]
    for path, resource, suffix in routes:
        app.add_route(path, resource, suffix=suffix) if suffix else app.add_route(path, resource)
    return app
