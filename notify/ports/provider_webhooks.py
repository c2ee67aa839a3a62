"""What real providers post back to us (delivery receipts, inbound text messages, complaints) on
/provider-callbacks/<name>, and the port through which each provider's adapter proves a post (a
ports.provider_callbacks.ProviderCallback, exactly as it arrived) is genuinely its own before anything acts on it.

Every adapter checks its provider's signature (Twilio's request signature, Amazon SNS's certificate
signature, our HMAC for the HTTP gateway) and freshness, and raises CallbackRefused for anything unsigned,
wrongly signed, stale or malformed. A verified callback names a `replay_key` unique to that post: the use case
refuses the same key twice."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

from attrs import field, frozen

from notify.domain.constants import NotificationStatus

from .provider_callbacks import ProviderCallback


def header(request: ProviderCallback, name: str) -> str | None:
    return request.headers.get(name.lower())


def form(request: ProviderCallback) -> dict[str, str]:
    """An application/x-www-form-urlencoded body (the last value of each name); {} when it is not one."""
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    return {k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()}


def path_qs(request: ProviderCallback) -> str:
    """The path and query string: an adapter that signs URLs puts its configured public URL in front."""
    parts = urlsplit(request.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class CallbackRefused(Exception):  # noqa: N818
    """Not acted on: `status` 401 for a missing signature, 403 for a wrong or stale one, 400 for a malformed
    request, 409 for a replay. The message is for our logs and the answer (it never holds a secret)."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@frozen
class ReceiptReport:
    """A delivery receipt: for our notification id (or, when the provider only knows its own reference, None
    with that reference), the status it ends in and the provider's reason."""

    notification_id: UUID | None
    status: NotificationStatus
    provider_reference: str | None = None
    reason: str | None = None


@frozen
class InboundText:
    source: str
    destination: str
    message: str
    provider_reference: str | None = None
    provider_date: datetime | None = None


@frozen
class ComplaintReport:
    """A recipient marked an email as spam (Amazon SES's complaint notification)."""

    notification_id: UUID | None
    feedback_id: str
    complaint_type: str | None
    complaint_date: datetime | None
    provider_reference: str | None = None


@frozen
class VerifiedCallback:
    replay_key: str
    receipts: tuple[ReceiptReport, ...] = ()
    inbound: tuple[InboundText, ...] = ()
    complaints: tuple[ComplaintReport, ...] = ()
    subscribe_url: str | None = None  # an SNS subscription to confirm
    answer: tuple[str, str] = field(default=("application/json", '{"result": "success"}'))  # content type, body


class ProviderWebhooks(Protocol):
    name: str

    def verify_callback(self, request: ProviderCallback, *, now: datetime) -> VerifiedCallback: ...

    def confirm_subscription(self, url: str) -> None: ...
