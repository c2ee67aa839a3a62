"""Where a service wants delivery receipts (and other events) posted back to it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from attrs import evolve, frozen

from .constants import CallbackType, NotificationStatus, NotificationType
from .errors import ValidationFailed
from .notification import Notification


@frozen(kw_only=True)
class ServiceCallbackApi:
    id: UUID
    service_id: UUID
    url: str
    bearer_token: str  # plaintext in the domain; adapters store it encrypted
    callback_type: CallbackType
    updated_by_id: UUID
    created_at: datetime
    updated_at: datetime | None = None
    version: int = 1

    def changed(self, *, now: datetime, **changes: object) -> ServiceCallbackApi:
        return evolve(self, **changes, version=self.version + 1, updated_at=now)  # type: ignore[arg-type]


# -- the admin API's rules for a callback's settings ----------------------------------------------------------

MIN_BEARER_TOKEN_LENGTH = 10
URL_MESSAGE = "url is not a valid https url"  # Notify's wording (its https_url schema)


def check_url(url: str) -> None:
    """An https URL with a host (Notify: `format: uri` + `^https`). URIs are ASCII without spaces; anything
    else could not go on a request line anyway."""
    if not _is_https_url(url):
        raise ValidationFailed({"url": [URL_MESSAGE]})


def check_bearer_token(token: str) -> None:
    """At least 10 characters (Notify's minLength), and sendable in an Authorization header (printable
    Latin-1: HTTP/1.1 header values; no CR/LF, no lone surrogates). Never echoed in a message."""
    if len(token) < MIN_BEARER_TOKEN_LENGTH:
        raise ValidationFailed({"bearer_token": [f"Shorter than minimum length {MIN_BEARER_TOKEN_LENGTH}."]})
    if not all(0x20 <= ord(ch) <= 0x7E or 0xA0 <= ord(ch) <= 0xFF for ch in token):
        raise ValidationFailed({"bearer_token": ["Not a valid header value: use printable characters only."]})


def _is_https_url(url: str) -> bool:
    if not url.isascii() or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError for a port that is not a number in 0..65535
    except ValueError:
        return False
    return parts.scheme.lower() == "https" and bool(parts.hostname) and port != 0


# -- delivery-status callbacks (Notify's send-delivery-status task) -----------------------------------------

# The statuses a service is told about: what receipts and the sending timeout end in. Not `created`/`sending`
# (the pipeline's own steps), not `pending` (Notify: no callback for it), not `sent` (international SMS
# handed over; Notify sends none), and nothing for letters.
DELIVERY_STATUS_CALLBACK_STATUSES = frozenset({
    NotificationStatus.DELIVERED, NotificationStatus.PERMANENT_FAILURE, NotificationStatus.TEMPORARY_FAILURE,
    NotificationStatus.TECHNICAL_FAILURE,
})
CALLBACK_DATETIME = "%Y-%m-%dT%H:%M:%S.%fZ"  # Notify's DATETIME_FORMAT, as the API renders timestamps


def calls_back(notification: Notification) -> bool:
    """Whether this notification, as just stored, is one its service's delivery-status callback hears about."""
    return moving_calls_back(notification.notification_type, notification.status)


def moving_calls_back(notification_type: NotificationType, status: NotificationStatus) -> bool:
    """Whether a notification of this type moving to `status` is one its service's delivery-status callback
    hears about. Test-key notifications are included: Notify says callbacks work with test keys."""
    return notification_type is not NotificationType.LETTER and status in DELIVERY_STATUS_CALLBACK_STATUSES


def delivery_status_payload(notification: Notification) -> dict[str, Any]:
    """The JSON body Notify posts: every value a string or null, but template_version, a number."""
    return {
        "id": str(notification.id),
        "reference": notification.client_reference,
        "to": notification.to,
        "status": notification.status.value,
        "created_at": _timestamp(notification.created_at),
        "completed_at": _timestamp(notification.updated_at),
        "sent_at": _timestamp(notification.sent_at),
        "notification_type": notification.notification_type.value,
        "template_id": str(notification.template_id),
        "template_version": notification.template_version,
    }


def _timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(timezone.utc).strftime(CALLBACK_DATETIME)


@frozen(kw_only=True)
class CallbackRetry:
    """Notify's rule: a failed POST is retried up to 5 times, 300 s apart, only when retrying may help
    (connection error, timeout, 5xx, 429)."""

    max_retries: int = 5
    delay_seconds: float = 300.0

    def should_retry(self, *, retries_done: int, retryable: bool) -> bool:
        return retryable and retries_done < self.max_retries
