"""Email through Amazon SES (SendRawEmail, through boto3), and SES's delivery, bounce and complaint
notifications, which Amazon SNS posts to `<public URL>/provider-callbacks/<name>` (an HTTPS subscription).

The message is the one the SMTP adapter sends (multipart text + HTML, Reply-To, one-click unsubscribe), tagged
`notification_id=<our id>` so that SES's notifications name our notification (publish events through a
configuration set, or enable original headers in the identity's notifications: the X-Notify-Reference header
names it too). boto3 retries nothing here (the pipeline fails over and retries) and every call has
connect and read timeouts. SES's answers: InvalidParameterValue (an address SES will never take) is a
technical-failure, as Notify treats it; throttling and every other error is a ProviderError; a read timeout
after the request went out is DeliveryUncertain.

Notifications are verified (adapters.providers.sns) before anything is read from them: Delivery is
`delivered`, a Permanent bounce `permanent-failure`, any other bounce `temporary-failure`, a Complaint is
recorded as a complaint. A SubscriptionConfirmation is confirmed by fetching its SubscribeURL."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime
from email.utils import parseaddr
from typing import Any
from uuid import UUID

from notify.domain.constants import NotificationStatus
from notify.ports.provider_callbacks import ProviderCallback
from notify.ports.provider_webhooks import CallbackRefused, ComplaintReport, ReceiptReport, VerifiedCallback
from notify.ports.providers import DeliveryRefused, DeliveryUncertain, ProviderError, ProviderReceipt

from .email_content import build_message
from .http_calls import get
from .sns import SnsVerifier

log = logging.getLogger("notify.providers.ses")

TAG = "notification_id"
REFERENCE_HEADER = "X-Notify-Reference"


class SesEmailProvider:
    idempotent = False

    def __init__(self, name: str, *, region: str, endpoint_url: str | None = None,
                 access_key_id: str | None = None, secret_access_key: str | None = None,
                 from_address: str | None = None, configuration_set: str | None = None,
                 topic_arns: Sequence[str] = (), cert_url_pattern: str, timeout: float = 10.0) -> None:
        import boto3
        from botocore.config import Config

        self.name = name
        self.timeout = timeout
        self._from = from_address
        self._configuration_set = configuration_set
        self._client: Any = boto3.session.Session().client(
            "ses", region_name=region, endpoint_url=endpoint_url, aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            config=Config(connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 1}))
        self.sns = SnsVerifier(fetch=self._fetch_certificate, cert_url_pattern=cert_url_pattern,
                               topic_arns=topic_arns)

    def __repr__(self) -> str:
        return f"SesEmailProvider(name={self.name!r})"

    # -- sending -------------------------------------------------------------------------------------------
    def send_email(self, *, to: str, subject: str, body: str, html: str | None, reference: UUID,
                   from_address: str, reply_to: str | None = None,
                   unsubscribe_url: str | None = None) -> ProviderReceipt:
        from botocore.exceptions import (BotoCoreError, ClientError, ConnectionClosedError, ReadTimeoutError)

        sender = from_address
        if self._from:
            name = parseaddr(from_address)[0]
            sender = f'"{name}" <{self._from}>' if name else self._from
        message = build_message(to=to, subject=subject, body=body, html=html, reference=reference,
                                from_address=sender, reply_to=reply_to, unsubscribe_url=unsubscribe_url)
        request: dict[str, Any] = {"Source": parseaddr(sender)[1], "Destinations": [to],
                                   "RawMessage": {"Data": message.data},
                                   "Tags": [{"Name": TAG, "Value": str(reference)}]}
        if self._configuration_set:
            request["ConfigurationSetName"] = self._configuration_set
        try:
            answer = self._client.send_raw_email(**request)
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            text = str(error.response.get("Error", {}).get("Message", ""))[:200]
            if code == "InvalidParameterValue":
                raise DeliveryRefused(self.name, NotificationStatus.TECHNICAL_FAILURE, f"{code}: {text}") from None
            raise ProviderError(f"{self.name}: {code}: {text}") from None
        except (ReadTimeoutError, ConnectionClosedError) as exc:
            raise DeliveryUncertain(f"{self.name}: no answer once the request was sent: {exc}") from None
        except BotoCoreError as exc:
            raise ProviderError(f"{self.name}: {type(exc).__name__}: {exc}") from None
        message_id = answer.get("MessageId") if isinstance(answer, dict) else None
        if not isinstance(message_id, str):
            raise ProviderError(f"{self.name}: answered without a MessageId")
        return ProviderReceipt(provider=self.name, reference=message_id)

    # -- SNS notifications ---------------------------------------------------------------------------------
    def verify_callback(self, request: ProviderCallback, *, now: datetime) -> VerifiedCallback:
        sns = self.sns.verify(request.body, now)
        key = f"{sns['TopicArn']}:{sns['MessageId']}"
        if sns["Type"] == "SubscriptionConfirmation":
            if not self.sns.same_host(sns["SigningCertURL"], sns["SubscribeURL"]):
                raise CallbackRefused("SubscribeURL is not on the host that signed the message")
            return VerifiedCallback(replay_key=key, subscribe_url=sns["SubscribeURL"])
        if sns["Type"] == "UnsubscribeConfirmation":
            log.warning("%s: SNS says topic %s unsubscribed us", self.name, sns["TopicArn"])
            return VerifiedCallback(replay_key=key)
        try:
            event = json.loads(sns["Message"])
            kind = event.get("notificationType") or event.get("eventType")
            mail = event["mail"]
            message_id = str(mail["messageId"])
        except (ValueError, KeyError, TypeError, AttributeError):
            raise CallbackRefused("the SNS message holds no SES notification", status=400) from None
        notification_id = _notification_id(mail)
        if kind == "Delivery":
            return VerifiedCallback(replay_key=key, receipts=(
                ReceiptReport(notification_id, NotificationStatus.DELIVERED, message_id),))
        if kind == "Bounce":
            bounce = event.get("bounce") or {}
            permanent = bounce.get("bounceType") == "Permanent"
            status = NotificationStatus.PERMANENT_FAILURE if permanent else NotificationStatus.TEMPORARY_FAILURE
            reason = f"{bounce.get('bounceType', 'Undetermined')} bounce: {bounce.get('bounceSubType', '')}"
            return VerifiedCallback(replay_key=key, receipts=(
                ReceiptReport(notification_id, status, message_id, reason.strip(": ")),))
        if kind == "Complaint":
            complaint = event.get("complaint") or {}
            return VerifiedCallback(replay_key=key, complaints=(ComplaintReport(
                notification_id=notification_id, feedback_id=str(complaint.get("feedbackId") or message_id),
                complaint_type=complaint.get("complaintFeedbackType"),
                complaint_date=_timestamp(complaint.get("timestamp")), provider_reference=message_id),))
        return VerifiedCallback(replay_key=key)  # Send, Open, Click...: nothing to act on

    def confirm_subscription(self, url: str) -> None:
        answer = get(url, timeout=self.timeout, provider=self.name)
        if answer.status != 200:
            raise ProviderError(f"{self.name}: confirming the SNS subscription answered HTTP {answer.status}")

    def _fetch_certificate(self, url: str) -> bytes:
        try:
            answer = get(url, timeout=self.timeout, provider=self.name)
        except ProviderError:
            raise CallbackRefused("the signing certificate could not be fetched") from None
        if answer.status != 200:
            raise CallbackRefused(f"the signing certificate could not be fetched (HTTP {answer.status})")
        return answer.body


def _notification_id(mail: dict[str, Any]) -> UUID | None:
    """Ours, from the message's tag (event publishing) or its header (identity notifications with headers)."""
    candidates: list[Any] = list((mail.get("tags") or {}).get(TAG) or [])
    candidates += [h.get("value") for h in mail.get("headers") or [] if isinstance(h, dict)
                   and str(h.get("name", "")).lower() == REFERENCE_HEADER.lower()]
    for candidate in candidates:
        try:
            return UUID(str(candidate))
        except ValueError:
            continue
    return None


def _timestamp(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None
