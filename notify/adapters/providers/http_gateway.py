"""SMS through a generic HTTP gateway (an in-house or regional provider), by a documented contract.

Sending: `POST <url>` with `Content-Type: application/json` and the body
    {"to": "+447700900123", "from": "<sender or null>", "content": "<text>", "reference": "<our notification id>"}
authenticated with `Authorization: Bearer <token>`, or signed (`X-Notify-Timestamp: <unix seconds>`,
`X-Notify-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the shared secret>`), or both.
A 2xx answer takes the message (its JSON `id`, if any, is kept as the provider's reference); 400 or 422 means
the message can never be sent (a permanent-failure; the JSON `error`, if any, is the reason); anything else,
or no answer within the timeout, is a failure to try again.

Receipts: the gateway posts to `<our URL>/provider-callbacks/<name>`
    {"reference": "<our notification id>", "status": "delivered" | "permanent-failure" | "temporary-failure" |
     "technical-failure", "reason": "<optional>"}
signed as above with the same secret; an unsigned or stale (over 5 minutes) receipt is refused with 403,
the same receipt twice with 409."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from notify.domain.constants import NotificationStatus
from notify.ports.provider_callbacks import ProviderCallback
from notify.ports.provider_webhooks import CallbackRefused, ReceiptReport, VerifiedCallback, header
from notify.ports.system import Clock
from notify.ports.providers import DeliveryRefused, ProviderError, ProviderReceipt

from . import signing
from .http_calls import post

RECEIPT_STATUSES = {s.value: s for s in (NotificationStatus.DELIVERED, NotificationStatus.PERMANENT_FAILURE,
                                         NotificationStatus.TEMPORARY_FAILURE, NotificationStatus.TECHNICAL_FAILURE)}


class HttpSmsGateway:
    idempotent = False

    def __init__(self, name: str, *, url: str, bearer_token: str | None = None, secret: str | None = None,
                 timeout: float = 10.0, clock: Clock | None = None) -> None:
        if not bearer_token and not secret:
            raise ValueError("an HTTP SMS gateway needs a bearer token or a signing secret")
        self.name = name
        self._url = url
        self._bearer = bearer_token
        self._secret = secret
        self.timeout = timeout
        self._clock = clock

    def __repr__(self) -> str:  # never the credentials
        return f"HttpSmsGateway(name={self.name!r}, url={self._url!r})"

    def send_sms(self, *, to: str, content: str, reference: UUID, sender: str | None,
                 international: bool = False) -> ProviderReceipt:
        body = json.dumps({"to": to if to.startswith("+") else f"+{to}", "from": sender, "content": content,
                           "reference": str(reference)}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._bearer:
            headers["Authorization"] = f"Bearer {self._bearer}"
        if self._secret:
            headers.update(signing.signed_headers(self._secret, body, self._now()))
        answer = post(self._url, body, headers, timeout=self.timeout, provider=self.name)
        data = _json(answer.body)
        if 200 <= answer.status < 300:
            return ProviderReceipt(provider=self.name, reference=str(data.get("id") or reference))
        if answer.status in (400, 422):
            raise DeliveryRefused(self.name, NotificationStatus.PERMANENT_FAILURE,
                                  str(data.get("error") or f"HTTP {answer.status}")[:200])
        raise ProviderError(f"{self.name}: HTTP {answer.status}")

    def verify_callback(self, request: ProviderCallback, *, now: datetime) -> VerifiedCallback:
        secret = self._secret or self._bearer or ""
        timestamp, given = header(request, signing.TIMESTAMP_HEADER), header(request, signing.SIGNATURE_HEADER)
        problem = signing.check(secret, timestamp, given, request.body, now)
        if problem:
            raise CallbackRefused(problem, status=401 if not (timestamp and given) else 403)
        data = _json(request.body)
        try:
            notification_id = UUID(str(data["reference"]))
            status = RECEIPT_STATUSES[str(data["status"])]
        except (KeyError, ValueError):
            raise CallbackRefused("a receipt needs a reference (our notification id) and a status "
                                  f"({', '.join(RECEIPT_STATUSES)})", status=400) from None
        reason = data.get("reason")
        return VerifiedCallback(replay_key=str(header(request, signing.SIGNATURE_HEADER)), receipts=(ReceiptReport(
            notification_id, status, str(data["id"]) if data.get("id") else None,
            str(reason)[:200] if reason else None),))

    def confirm_subscription(self, url: str) -> None:
        raise NotImplementedError

    def _now(self) -> datetime:
        return self._clock.now() if self._clock is not None else datetime.now(timezone.utc)


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
