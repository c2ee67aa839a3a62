"""The WSGI app: every route in one table, auth and errors installed once."""

from __future__ import annotations

import falcon

from notify.usecases.app import Notify

from . import errors
from .auth import AuthMiddleware
from .organisations import OrganisationResources
from .services import ServiceResources
from .status import StatusResource
from .users import UserResources


def create_app(notify: Notify) -> falcon.App:
    app = falcon.App(middleware=[AuthMiddleware(notify)])
    app.req_options.strip_url_path_trailing_slash = True
    errors.install(app)

    status = StatusResource(notify)
    services = ServiceResources(notify)
    users = UserResources(notify)
    organisations = OrganisationResources(notify)
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
    ]
    for path, resource, suffix in routes:
        app.add_route(path, resource, suffix=suffix) if suffix else app.add_route(path, resource)
    return app
