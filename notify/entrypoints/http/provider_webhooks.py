"""Real providers' signed callbacks: POST /provider-callbacks/{provider} (no JWT: each provider signs its own
way, and its adapter checks that before anything happens; usecases.provider_webhooks). 401 unsigned, 403 wrongly
signed or stale, 409 the same callback again, 400 malformed, 404 a provider not in use. The answer is what the
provider expects (JSON, or TwiML for Twilio's inbound webhook), so it is written by an after-hook rather than
as a wire class."""

from __future__ import annotations

from typing import Any

import falcon

from notify.domain.errors import AuthenticationFailed, InvalidRequest, MissingCredentials
from notify.ports.provider_callbacks import ProviderCallback
from notify.ports.provider_webhooks import CallbackRefused
from notify.usecases.app import Notify
from notify.usecases.provider_webhooks import CallbackAnswer, receive_provider_callback

from .operation import operation


def _write_answer(req: falcon.Request, resp: falcon.Response, resource: Any) -> None:
    answer: CallbackAnswer | None = getattr(req.context, "provider_answer", None)
    if answer is not None:
        resp.content_type = answer.content_type
        resp.text = answer.body


class ProviderWebhookResource:
    auth = "provider"  # not a JWT: the provider's own signature, checked by its adapter

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @falcon.after(_write_answer)
    @operation()
    def on_post(self, req: falcon.Request, provider: str) -> None:
        """A real provider's signed callback: a delivery receipt, an inbound text, a complaint, a subscription."""
        request = ProviderCallback(method=req.method, url=req.url,
                                   headers={name.lower(): value for name, value in req.headers.items()},
                                   body=req.bounded_stream.read())
        try:
            req.context.provider_answer = receive_provider_callback(self.notify, provider, request)
        except CallbackRefused as refused:
            if refused.status == 401:
                raise MissingCredentials(refused.message) from None
            if refused.status == 403:
                raise AuthenticationFailed(refused.message) from None
            if refused.status == 409:
                raise falcon.HTTPConflict(title="BadRequestError", description=refused.message) from None
            raise InvalidRequest(refused.message) from None
