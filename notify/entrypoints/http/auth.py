"""Authentication middleware: each resource declares `auth` ("admin", "service", "none", or "provider": a
provider's callback, checked by the responder against that provider's credentials, see provider_auth)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import falcon

from notify.usecases.app import Notify
from notify.usecases.auth import authenticate_admin, authenticate_service

Authenticator = Callable[[Notify, str | None], Any]
AUTHENTICATORS: dict[str, Authenticator] = {"admin": authenticate_admin, "service": authenticate_service}


class AuthMiddleware:
    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def process_resource(self, req: falcon.Request, resp: falcon.Response, resource: Any, params: Any) -> None:
        if resource is None:
            return  # no route: Falcon answers 404 without asking who is calling
        kind = getattr(resource, "auth", "admin")  # closed by default: a resource must opt out
        if kind in ("none", "provider"):
            return
        req.context.auth = AUTHENTICATORS[kind](self._notify, req.get_header("Authorization"))
