"""Public API notifications: the three send bodies, the list query, and what a sent or stored notification
looks like (Notify's v2 JSON)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.constants import COMPLETED_STATUSES, NotificationStatus, NotificationType
from notify.domain.errors import ValidationFailed
from notify.domain.letter import (
    NO_COST_LETTER_STATUSES,
    POSTAGE_INVALID,
    PRECOMPILED_POSTAGE,
    estimated_delivery,
    letter_rate,
    sms_rate,
)
from notify.domain.notification import LETTER_ACCEPTED, LETTER_RECEIVED
from notify.domain.notification import Notification
from notify.usecases.notifications import NotificationView, SentNotification

from .fields import HttpsUrl, optional, required
from .inbound_sms import InboundSmsOut

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
    """A template letter (template_id, personalisation) or a precompiled one (reference, base64 content of a
    PDF, postage): Notify serves both at this path, told apart by `content`."""

    template_id: UUID = optional()
    personalisation: dict[str, Any] = optional()
    reference: str = optional()
    content: str = optional()
    postage: str = optional()

    @property
    def precompiled(self) -> bool:
        return self.content is not None

    def check(self) -> None:
        """What Notify's two schemas require of each kind, in its words."""
        wanted: tuple[str, ...]
        refused: tuple[str, ...]
        if self.precompiled:
            wanted, refused = ("reference",), ("template_id", "personalisation")
        else:
            wanted, refused = ("template_id", "personalisation"), ("postage",)
        problems = {name: ["is a required property"] for name in wanted if getattr(self, name) is None}
        extra = [name for name in refused if getattr(self, name) is not None]
        if extra:
            verb = "was" if len(extra) == 1 else "were"
            problems[""] = [f"Additional properties are not allowed ({', '.join(extra)} {verb} unexpected)"]
        if self.postage is not None and self.postage not in PRECOMPILED_POSTAGE:
            problems["postage"] = [POSTAGE_INVALID]
        if not self.precompiled and self.reference is not None and len(self.reference) > REFERENCE_MAX_LENGTH:
            problems["reference"] = [f"{self.reference} is too long"]
        if problems:
            raise ValidationFailed(problems)


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
        sanitised = {key: {"unsanitised": change.unsanitised, "sanitised": change.sanitised}
                     for key, change in s.sanitised.items()}
        return SentEmail(content=EmailContent(from_email=s.from_email, body=message.body, subject=message.subject,
                                              one_click_unsubscribe_url=n.one_click_unsubscribe_url),
                         sanitised_content=sanitised, **common)
    return SentLetter(content=LetterContent(body=message.body, subject=message.subject), **common)


@define(kw_only=True)
class SentPrecompiledLetter:
    id: UUID
    reference: str | None
    postage: str | None


def sent_precompiled(n: Notification) -> SentPrecompiledLetter:
    return SentPrecompiledLetter(id=n.id, reference=n.client_reference, postage=n.postage)


@define(kw_only=True)
class CostDetails:
    billable_sms_fragments: int | None = optional(omit_if_none=True)
    international_rate_multiplier: float | None = optional(omit_if_none=True)
    sms_rate: float | None = optional(omit_if_none=True)
    billable_sheets_of_paper: int | None = optional(omit_if_none=True)
    postage: str | None = optional(omit_if_none=True)


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
    estimated_delivery: datetime | None = optional(omit_if_none=True)  # letters only


def _letter_lines(personalisation: dict[str, Any]) -> dict[str, Any]:
    by_key = {"".join(c for c in k.lower() if c not in " _-"): v for k, v in personalisation.items()}
    lines: dict[str, Any] = {f"line_{i}": by_key.get(f"addressline{i}") for i in range(1, 7)}
    lines["postcode"] = by_key.get("postcode")
    return lines


def _cost(view: NotificationView) -> dict[str, Any]:
    """Notify's cost data: SMS at the rate of the day it was sent, letters by postage and sheets of paper."""
    n = view.notification
    not_ready = {"is_cost_data_ready": False, "cost_in_pounds": None, "cost_details": CostDetails()}
    if n.notification_type is NotificationType.EMAIL:
        return {"is_cost_data_ready": True, "cost_in_pounds": 0.0, "cost_details": CostDetails()}
    if n.notification_type is NotificationType.SMS:
        if not n.billable_units:
            return not_ready
        multiplier, rate = n.rate_multiplier or 1.0, sms_rate(n.created_at)
        return {"is_cost_data_ready": True, "cost_in_pounds": round(n.billable_units * multiplier * rate, 4),
                "cost_details": CostDetails(billable_sms_fragments=n.billable_units,
                                            international_rate_multiplier=multiplier, sms_rate=rate)}
    if n.status is NotificationStatus.PENDING_VIRUS_CHECK or not n.billable_units:
        return not_ready
    free = n.status in NO_COST_LETTER_STATUSES
    return {"is_cost_data_ready": True,
            "cost_in_pounds": 0.0 if free else letter_rate(n.created_at, n.postage, n.billable_units),
            "cost_details": CostDetails(billable_sheets_of_paper=n.billable_units, postage=n.postage)}


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
        created_at=n.created_at, created_by_name=view.created_by_name, sent_at=n.sent_at,
        completed_at=n.updated_at if n.status in COMPLETED_STATUSES and n.updated_at else None,
        scheduled_for=None, postage=n.postage, one_click_unsubscribe_url=view.one_click_unsubscribe_url,
        estimated_delivery=estimated_delivery(n.created_at, n.postage) if kind is NotificationType.LETTER else None,
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
