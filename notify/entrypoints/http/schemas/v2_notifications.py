"""Public API notifications: the three send bodies, the list query, and what a sent or stored notification
looks like (Notify's v2 JSON)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.constants import COMPLETED_STATUSES, NotificationStatus, NotificationType
from notify.domain.notification import LETTER_ACCEPTED, LETTER_RECEIVED
from notify.usecases.notifications import NotificationView, SentNotification

from .fields import HttpsUrl, optional, required
from .inbound_sms import InboundSmsOut

SMS_RATE_POUNDS = 0.0227  # per fragment; Notify's rate changes each April, ours is one figure
STATUS_NAMES = [s.value for s in NotificationStatus] + [LETTER_ACCEPTED, LETTER_RECEIVED]
TYPE_NAMES = [t.value for t in NotificationType]
REFERENCE_MAX_LENGTH = 1000


# ---------------------------------------------------------------- requests
@define(kw_only=True)
class SmsRequest:
    phone_number: str = required()
    template_id: UUID = required()
    personalisation: dict[str, Any] = optional()
    reference: str = optional(max_length=REFERENCE_MAX_LENGTH)
    scheduled_for: datetime = optional()
    sms_sender_id: UUID = optional()


@define(kw_only=True)
class EmailRequest:
    email_address: str = required()
    template_id: UUID = required()
    personalisation: dict[str, Any] = optional()
    reference: str = optional(max_length=REFERENCE_MAX_LENGTH)
    scheduled_for: datetime = optional()
    email_reply_to_id: UUID = optional()
    one_click_unsubscribe_url: HttpsUrl = optional()
    sanitise_content_for: list[str] = optional()


@define(kw_only=True)
class LetterRequest:
    template_id: UUID = required()
    personalisation: dict[str, Any] = required()
    reference: str = optional(max_length=REFERENCE_MAX_LENGTH)


@define(kw_only=True)
class NotificationsQuery:
    status: list[str] = optional(one_of=STATUS_NAMES)
    template_type: list[str] = optional(one_of=TYPE_NAMES)
    reference: str = optional()
    older_than: UUID = optional()
    include_jobs: str = optional(one_of=["true", "True"])


@define(kw_only=True)
class OlderThanQuery:
    older_than: UUID = optional()


# ---------------------------------------------------------------- responses
@define(kw_only=True)
class TemplateRef:
    id: UUID
    version: int
    uri: str


@define(kw_only=True)
class SmsContent:
    body: str
    from_number: str | None


@define(kw_only=True)
class EmailContent:
    from_email: str | None
    body: str
    subject: str | None
    one_click_unsubscribe_url: str | None


@define(kw_only=True)
class LetterContent:
    body: str
    subject: str | None


@define(kw_only=True)
class SentSms:
    id: UUID
    reference: str | None
    uri: str
    template: TemplateRef
    scheduled_for: datetime | None
    content: SmsContent


@define(kw_only=True)
class SentEmail:
    id: UUID
    reference: str | None
    uri: str
    template: TemplateRef
    scheduled_for: datetime | None
    content: EmailContent
    sanitised_content: dict[str, Any]


@define(kw_only=True)
class SentLetter:
    id: UUID
    reference: str | None
    uri: str
    template: TemplateRef
    scheduled_for: datetime | None
    content: LetterContent


Sent = SentSms | SentEmail | SentLetter


def sent(root: str, s: SentNotification) -> Sent:
    """The 201 of a send; `root` is the API's base URL with a trailing slash."""
    n, template, message = s.notification, s.template, s.message
    common: dict[str, Any] = dict(
        id=n.id, reference=n.client_reference, uri=f"{root}v2/notifications/{n.id}", scheduled_for=None,
        template=TemplateRef(id=template.id, version=template.version,
                             uri=f"{root}services/{n.service_id}/templates/{template.id}"))
    if n.notification_type is NotificationType.SMS:
        return SentSms(content=SmsContent(body=message.body, from_number=s.from_number), **common)
    if n.notification_type is NotificationType.EMAIL:
        return SentEmail(content=EmailContent(from_email=s.from_email, body=message.body, subject=message.subject,
                                              one_click_unsubscribe_url=n.one_click_unsubscribe_url),
                         sanitised_content={}, **common)
    return SentLetter(content=LetterContent(body=message.body, subject=message.subject), **common)


@define(kw_only=True)
class CostDetails:
    billable_sms_fragments: int | None = optional(omit_if_none=True)
    international_rate_multiplier: float | None = optional(omit_if_none=True)
    sms_rate: float | None = optional(omit_if_none=True)


@define(kw_only=True)
class NotificationOut:
    id: UUID
    reference: str | None
    email_address: str | None
    phone_number: str | None
    line_1: Any
    line_2: Any
    line_3: Any
    line_4: Any
    line_5: Any
    line_6: Any
    postcode: Any
    type: NotificationType
    status: str
    template: TemplateRef
    body: str
    subject: str | None
    created_at: datetime
    created_by_name: str | None
    sent_at: datetime | None
    completed_at: datetime | None
    scheduled_for: datetime | None
    postage: str | None
    one_click_unsubscribe_url: str | None
    is_cost_data_ready: bool
    cost_in_pounds: float | None
    cost_details: CostDetails


def _letter_lines(personalisation: dict[str, Any]) -> dict[str, Any]:
    by_key = {"".join(c for c in k.lower() if c not in " _-"): v for k, v in personalisation.items()}
    lines: dict[str, Any] = {f"line_{i}": by_key.get(f"addressline{i}") for i in range(1, 7)}
    lines["postcode"] = by_key.get("postcode")
    return lines


def _cost(view: NotificationView) -> dict[str, Any]:
    n = view.notification
    if n.notification_type is NotificationType.EMAIL:
        return {"is_cost_data_ready": True, "cost_in_pounds": 0.0, "cost_details": CostDetails()}
    if n.notification_type is NotificationType.SMS and n.billable_units:
        multiplier = n.rate_multiplier or 1.0
        return {"is_cost_data_ready": True,
                "cost_in_pounds": round(n.billable_units * multiplier * SMS_RATE_POUNDS, 4),
                "cost_details": CostDetails(billable_sms_fragments=n.billable_units,
                                            international_rate_multiplier=multiplier, sms_rate=SMS_RATE_POUNDS)}
    return {"is_cost_data_ready": False, "cost_in_pounds": None, "cost_details": CostDetails()}


def notification(prefix: str, view: NotificationView) -> NotificationOut:
    """A stored notification as GET shows it; `prefix` is the API's base URL."""
    n = view.notification
    kind = n.notification_type
    lines = _letter_lines(n.personalisation) if kind is NotificationType.LETTER else {
        **{f"line_{i}": None for i in range(1, 7)}, "postcode": None}
    return NotificationOut(
        id=n.id, reference=n.client_reference,
        email_address=n.to if kind is NotificationType.EMAIL else None,
        phone_number=n.to if kind is NotificationType.SMS else None,
        **lines,
        type=kind, status=n.public_status,
        template=TemplateRef(id=n.template_id, version=n.template_version,
                             uri=f"{prefix}/v2/template/{n.template_id}/version/{n.template_version}"),
        body=view.body, subject=None if kind is NotificationType.SMS else view.subject,
        created_at=n.created_at, created_by_name=None, sent_at=n.sent_at,
        completed_at=n.updated_at if n.status in COMPLETED_STATUSES and n.updated_at else None,
        scheduled_for=None, postage=n.postage, one_click_unsubscribe_url=n.one_click_unsubscribe_url,
        **_cost(view))


@define(kw_only=True)
class Links:
    current: str
    next: str | None = optional(omit_if_none=True)


@define(kw_only=True)
class NotificationList:
    notifications: list[NotificationOut]
    links: Links


@define(kw_only=True)
class ReceivedTextList:
    received_text_messages: list[InboundSmsOut]
    links: Links
