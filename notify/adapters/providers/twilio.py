"""SMS through Twilio's REST API (Messages resource), with its signed callbacks.

Sending posts To, From (the service's own SMS sender, else the configured number or Messaging Service) and Body,
with a StatusCallback to `<public URL>/provider-callbacks/<name>?notification_id=<our id>`. Twilio signs every
callback (`X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, of the URL it called followed by
each POST parameter's name and value in name order); a callback without it, or with another, is refused.
The same route takes Twilio's inbound-message webhook (a text sent to one of our numbers): set the number's
"A message comes in" URL to `<public URL>/provider-callbacks/<name>`.

Error codes become Notify's statuses and a `reason` (the code and its meaning, for the logs): an invalid or
unsubscribed number refused when sending is a permanent-failure at once; a message Twilio reports
`undelivered` is a temporary-failure unless its code says the number can never take it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from uuid import UUID

from notify.domain.constants import NotificationStatus
from notify.domain.sender import DEFAULT_SMS_SENDER
from notify.ports.provider_callbacks import ProviderCallback
from notify.ports.provider_webhooks import (CallbackRefused, InboundText, ReceiptReport, VerifiedCallback, form,
                                            header, path_qs)
from notify.ports.providers import DeliveryRefused, ProviderError, ProviderReceipt

from .http_calls import post

PERMANENT = NotificationStatus.PERMANENT_FAILURE
TEMPORARY = NotificationStatus.TEMPORARY_FAILURE
TECHNICAL = NotificationStatus.TECHNICAL_FAILURE

# Twilio error codes we act on: (meaning, the status a message with it ends in).
ERROR_CODES: dict[int, tuple[str, NotificationStatus]] = {
    21211: ("invalid 'To' phone number", PERMANENT),
    21408: ("permission to send to this region is not enabled", TECHNICAL),
    21610: ("the recipient has unsubscribed (STOP)", PERMANENT),
    21612: ("the 'To' number cannot be reached from this sender", PERMANENT),
    21614: ("'To' is not a mobile number", PERMANENT),
    30001: ("queue overflow", TECHNICAL),
    30002: ("account suspended", TECHNICAL),
    30003: ("unreachable destination handset", TEMPORARY),
    30004: ("message blocked", PERMANENT),
    30005: ("unknown destination handset", PERMANENT),
    30006: ("landline or unreachable carrier", PERMANENT),
    30007: ("message filtered by the carrier", PERMANENT),
    30008: ("unknown error", TEMPORARY),
    30010: ("message price exceeds max price", TECHNICAL),
}
REFUSED_WHEN_SENDING = {21211, 21610, 21612, 21614}  # the number itself: no other provider will do better
TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def request_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    signed = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    return base64.b64encode(hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()).decode()


def status_for(message_status: str, error_code: int | None) -> tuple[NotificationStatus, str | None] | None:
    """The notification status a Twilio MessageStatus (and ErrorCode) ends in; None for one on the way."""
    reason = None
    if error_code is not None:
        meaning, _ = ERROR_CODES.get(error_code, ("", TECHNICAL))
        reason = f"twilio error {error_code}" + (f": {meaning}" if meaning else "")
    if message_status == "delivered":
        return NotificationStatus.DELIVERED, None
    if message_status == "undelivered":
        coded = ERROR_CODES.get(error_code or 0)
        return (coded[1] if coded and coded[1] is PERMANENT else TEMPORARY), reason
    if message_status == "failed":
        coded = ERROR_CODES.get(error_code or 0)
        return (coded[1] if coded else TECHNICAL), reason
    return None  # accepted, queued, sending, sent: Twilio reports again when it knows


class TwilioSmsProvider:
    idempotent = False  # Twilio sends a message posted twice twice

    def __init__(self, name: str, *, account_sid: str, auth_token: str, base_url: str,
                 public_url: str | None = None, from_number: str | None = None,
                 messaging_service_sid: str | None = None, timeout: float = 10.0) -> None:
        self.name = name
        self._account_sid = account_sid
        self._auth_token = auth_token
        self._base_url = base_url.rstrip("/")
        self._public_url = public_url.rstrip("/") if public_url else None
        self._from = from_number
        self._messaging_service = messaging_service_sid
        self.timeout = timeout

    def __repr__(self) -> str:  # never the token
        return f"TwilioSmsProvider(name={self.name!r}, account_sid={self._account_sid!r})"

    # -- sending -------------------------------------------------------------------------------------------
    def send_sms(self, *, to: str, content: str, reference: UUID, sender: str | None,
                 international: bool = False) -> ProviderReceipt:
        form = {"To": to if to.startswith("+") else f"+{to}", "Body": content}
        if sender == DEFAULT_SMS_SENDER:
            sender = None  # the platform's default name: this account's own number or service instead
        if sender or self._from:
            form["From"] = str(sender or self._from)
        elif self._messaging_service:
            form["MessagingServiceSid"] = self._messaging_service
        if self._public_url:
            form["StatusCallback"] = f"{self._public_url}/provider-callbacks/{self.name}?notification_id={reference}"
        credentials = base64.b64encode(f"{self._account_sid}:{self._auth_token}".encode()).decode()
        answer = post(f"{self._base_url}/2010-04-01/Accounts/{self._account_sid}/Messages.json",
                      urlencode(form).encode(), {"Authorization": f"Basic {credentials}",
                                                 "Content-Type": "application/x-www-form-urlencoded",
                                                 "Accept": "application/json"},
                      timeout=self.timeout, provider=self.name)
        data = _json(answer.body)
        if 200 <= answer.status < 300 and isinstance(data.get("sid"), str):
            return ProviderReceipt(provider=self.name, reference=data["sid"])
        code = data.get("code") if isinstance(data.get("code"), int) else None
        if answer.status == 400 and code in REFUSED_WHEN_SENDING:
            meaning, status = ERROR_CODES[code]
            raise DeliveryRefused(self.name, status, f"twilio error {code}: {meaning}")
        raise ProviderError(f"{self.name}: HTTP {answer.status}, twilio error {code}")

    # -- callbacks -----------------------------------------------------------------------------------------
    def verify_callback(self, request: ProviderCallback, *, now: datetime) -> VerifiedCallback:
        given = header(request, "X-Twilio-Signature")
        if not given:
            raise CallbackRefused("X-Twilio-Signature is required", status=401)
        params = form(request)
        url = f"{self._public_url}{path_qs(request)}" if self._public_url else request.url
        if not hmac.compare_digest(request_signature(self._auth_token, url, params), given):
            raise CallbackRefused("X-Twilio-Signature does not match")
        if params.get("AccountSid") not in (None, self._account_sid):
            raise CallbackRefused("the callback is for another Twilio account")
        replay_key = hashlib.sha256(path_qs(request).encode() + b"\n" + request.body).hexdigest()
        if "MessageStatus" in params:
            return VerifiedCallback(replay_key=replay_key, receipts=self._receipt(request, params))
        if params.get("From") and params.get("To") and "Body" in params:
            text = InboundText(source=params["From"], destination=params["To"], message=params["Body"],
                               provider_reference=params.get("MessageSid"), provider_date=now)
            return VerifiedCallback(replay_key=replay_key, inbound=(text,), answer=("text/xml", TWIML_EMPTY))
        raise CallbackRefused("neither a status callback nor an incoming message", status=400)

    def _receipt(self, request: ProviderCallback, params: dict[str, str]) -> tuple[ReceiptReport, ...]:
        query = parse_qs(urlsplit(path_qs(request)).query)
        try:
            notification_id = UUID(query["notification_id"][-1])
        except (KeyError, ValueError):
            raise CallbackRefused("notification_id missing or not valid", status=400) from None
        raw_code = params.get("ErrorCode") or ""
        try:
            code = int(raw_code) if raw_code else None
        except ValueError:
            raise CallbackRefused("ErrorCode is not a number", status=400) from None
        outcome = status_for(params["MessageStatus"], code)
        if outcome is None:
            return ()
        status, reason = outcome
        return (ReceiptReport(notification_id, status, params.get("MessageSid"), reason),)

    def confirm_subscription(self, url: str) -> None:  # Twilio has no subscriptions
        raise NotImplementedError


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
