"""Provider callbacks (delivery receipts, inbound texts) arrive without a JWT: the route reads the request as
it arrived, has the named provider's verifier check it (usecases.provider_callbacks), and only then parses it.
A route for a new provider's webhook declares `@operation(body=..., source=provider_body(...))`, or calls
`verified_callback(notify, req, provider)` itself before it parses."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import falcon

from notify.domain.errors import InvalidRequest, ValidationFailed
from notify.ports.provider_callbacks import ProviderCallback
from notify.usecases.app import Notify
from notify.usecases.provider_callbacks import authenticate_provider_callback

from .schemas.reading import refuse_unstorable_text


def verified_callback(notify: Notify, req: falcon.Request, provider: str) -> ProviderCallback:
    """The request, once `provider`'s verifier accepted it: ProviderNotFound (404) for a provider with no
    callbacks, MissingCredentials (401) or AuthenticationFailed (403) for a request it refused."""
    callback = ProviderCallback(method=req.method, url=req.url,
                                headers={name.lower(): value for name, value in req.headers.items()},
                                body=req.bounded_stream.read())
    authenticate_provider_callback(notify, provider, callback)
    return callback


def json_object(callback: ProviderCallback) -> dict[str, Any]:
    """The callback's JSON object body (empty: `{}`), refused with Notify's messages as the admin API refuses a body."""
    if not callback.body.strip():
        return {}
    try:
        data = json.loads(callback.body)
    except (ValueError, RecursionError):
        raise InvalidRequest("Invalid JSON supplied in POST data") from None
    if not isinstance(data, dict):
        raise ValidationFailed({"_schema": ["Invalid input type."]})
    refuse_unstorable_text(data)
    return data


def provider_body(provider: str | None = None, *,
                  check: Callable[[dict[str, Any]], None] | None = None) -> Callable[..., dict[str, Any]]:
    """An operation's body source: the callback's JSON object once the provider (`provider`, else the path's
    `{provider}`) has verified the request, and `check` has accepted it in the provider's own terms."""

    def read(resource: Any, req: falcon.Request, params: Mapping[str, Any]) -> dict[str, Any]:
        data = json_object(verified_callback(resource.notify, req, provider or str(params["provider"])))
        if check is not None:
            check(data)
        return data

    return read
