"""The admin side's notification list and reads: the filter query and how a notification is shown (with its
template, job and sender beside it, as Notify's admin JSON does)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import attrs
from attrs import define

from notify.domain.constants import NotificationType
from notify.domain.notification import statuses_for_filter
from notify.domain.notification_report import london_time, status_in_words
from notify.domain.notification_filter import ADMIN_PAGE_SIZE, MAX_ADMIN_PAGE_SIZE, NotificationFilter, search_term
from notify.usecases.admin_notifications import AdminNotification

from .fields import INT_MAX, MAX_DAYS, QUERY_MAX_LENGTH, optional
from .jobs import PageLinks
from .v2_notifications import STATUS_NAMES, TYPE_NAMES

BOOLEAN_NAMES = ["true", "True", "1", "false", "False", "0"]


def _flag(value: str | None, default: bool) -> bool:
    return default if value is None else value in ("true", "True", "1")


@define(kw_only=True)
class AdminNotificationsQuery:
    page: int = optional(default=1, minimum=1, maximum=INT_MAX)
    page_size: int = optional(default=ADMIN_PAGE_SIZE, minimum=1, maximum=MAX_ADMIN_PAGE_SIZE)
    limit_days: int | None = optional(minimum=0, maximum=MAX_DAYS)
    status: list[str] = optional(factory=list, one_of=STATUS_NAMES)
    template_type: list[str] = optional(factory=list, one_of=TYPE_NAMES)
    include_jobs: str | None = optional(one_of=BOOLEAN_NAMES)
    include_from_test_key: str | None = optional(one_of=BOOLEAN_NAMES)
    count_pages: str | None = optional(one_of=BOOLEAN_NAMES)
    to: str | None = optional(max_length=QUERY_MAX_LENGTH, blank_is_missing=True)  # part of a recipient

    def filter(self) -> NotificationFilter:
        statuses = statuses_for_filter(self.status)
        return NotificationFilter(
            statuses=tuple(statuses) if statuses is not None else None,
            notification_types=tuple(NotificationType(t) for t in self.template_type) or None,
            include_jobs=_flag(self.include_jobs, True),
            include_test_key=_flag(self.include_from_test_key, False),
            recipient_contains=search_term(self.to) if self.to else None)

    @property
    def counted(self) -> bool:
        return _flag(self.count_pages, True)


def filters_posted(data: Any) -> Any:
    """The filters the admin app posts as a JSON object, read as the same query string would be: one value
    for a list is a list of one, true and false are their names, keys the query does not know are ignored."""
    if not isinstance(data, dict):
        return data  # refused when structured
    fields = {f.name: f for f in attrs.fields(AdminNotificationsQuery)}
    read: dict[str, Any] = {}
    for name, value in data.items():
        field = fields.get(name)
        if field is None:
            continue
        if str(field.type).startswith("list"):  # the annotation's text (annotations are not evaluated here)
            value = value if isinstance(value, list) else [value]
        elif isinstance(value, bool):
            value = str(value).lower()
        read[name] = value
    return read


@define(kw_only=True)
class CountQuery:
    limit_days: int | None = optional(minimum=0, maximum=MAX_DAYS)
    template_type: list[str] = optional(factory=list, one_of=TYPE_NAMES)


@define(kw_only=True)
class TemplateShown:
    id: UUID
    name: str
    template_type: str
    content: str
    subject: str | None
    version: int
    redact_personalisation: bool
    is_precompiled_letter: bool


@define(kw_only=True)
class JobShown:
    id: UUID
    original_file_name: str | None


@define(kw_only=True)
class CreatorShown:
    id: UUID
    name: str
    email_address: str


@define(kw_only=True)
class AdminNotificationOut:
    id: UUID
    to: str
    service: UUID
    template: TemplateShown
    template_version: int
    notification_type: NotificationType
    status: str
    personalisation: dict[str, Any]
    job: JobShown | None
    job_row_number: int | None
    api_key: UUID | None
    key_type: str
    key_name: str | None
    created_by: CreatorShown | None
    created_at: datetime
    updated_at: datetime | None
    sent_at: datetime | None
    sent_by: str | None
    billable_units: int
    reference: str | None
    client_reference: str | None
    postage: str | None
    international: bool
    rate_multiplier: float | None
    reply_to_text: str | None

    @classmethod
    def of(cls, view: AdminNotification) -> AdminNotificationOut:
        n, t = view.notification, view.template
        return cls(
            id=n.id, to=n.to, service=n.service_id,
            template=TemplateShown(id=t.id, name=t.name, template_type=t.template_type.value, content=t.content,
                                   subject=t.subject, version=t.version,
                                   redact_personalisation=t.redact_personalisation,
                                   is_precompiled_letter=t.hidden),
            template_version=n.template_version, notification_type=n.notification_type, status=n.status.value,
            personalisation=dict(n.personalisation),
            job=JobShown(id=n.job_id, original_file_name=view.job_file_name) if n.job_id else None,
            job_row_number=n.job_row_number, api_key=n.api_key_id, key_type=n.key_type.value,
            key_name=view.key_name,
            created_by=CreatorShown(id=view.created_by.id, name=view.created_by.name,
                                    email_address=view.created_by.email_address) if view.created_by else None,
            created_at=n.created_at, updated_at=n.updated_at, sent_at=n.sent_at, sent_by=n.sent_by,
            billable_units=n.billable_units, reference=n.reference, client_reference=n.client_reference,
            postage=n.postage, international=n.international, rate_multiplier=n.rate_multiplier,
            reply_to_text=n.reply_to_text)


@define(kw_only=True)
class MoreLinks:
    """Whether there is a page before / after (Notify's service list shows flags, not URLs: no count)."""

    prev: bool | None = optional(omit_if_none=True)
    next: bool | None = optional(omit_if_none=True)


@define(kw_only=True)
class AdminNotificationList:
    notifications: list[AdminNotificationOut]
    page_size: int
    links: MoreLinks


@define(kw_only=True)
class JobNotificationList:
    notifications: list[AdminNotificationOut]
    page_size: int
    total: int
    links: PageLinks


@define(kw_only=True)
class NotificationsSentCount:
    notifications_sent_count: int


@define(kw_only=True)
class ReportQuery:
    older_than: UUID | None = optional()
    page_size: int = optional(default=ADMIN_PAGE_SIZE, minimum=1, maximum=MAX_ADMIN_PAGE_SIZE)
    limit_days: int | None = optional(minimum=0, maximum=MAX_DAYS)
    status: list[str] = optional(factory=list, one_of=STATUS_NAMES)
    template_type: list[str] = optional(factory=list, one_of=TYPE_NAMES)

    def filter(self) -> NotificationFilter:
        statuses = statuses_for_filter(self.status)
        return NotificationFilter(statuses=tuple(statuses) if statuses is not None else None,
                                  notification_types=tuple(NotificationType(t) for t in self.template_type) or None)


@define(kw_only=True)
class ReportRow:
    """One line of the admin's CSV download."""

    id: UUID
    row_number: int | str  # the spreadsheet row (from 1), "" when not sent from a spreadsheet
    recipient: str
    client_reference: str
    template_name: str
    template_type: str
    job_name: str
    status: str
    created_at: str  # London time
    created_by_name: str | None
    created_by_email_address: str | None
    api_key_name: str | None

    @classmethod
    def of(cls, view: AdminNotification) -> ReportRow:
        n, by = view.notification, view.created_by
        return cls(id=n.id, row_number="" if n.job_row_number is None else n.job_row_number + 1, recipient=n.to,
                   client_reference=n.client_reference or "", template_name=view.template.name,
                   template_type=view.template.template_type.value, job_name=view.job_file_name or "",
                   status=status_in_words(n.notification_type, n.status), created_at=london_time(n.created_at),
                   created_by_name=by.name if by else None, created_by_email_address=by.email_address if by else None,
                   api_key_name=view.key_name)


@define(kw_only=True)
class ReportPage:
    notifications: list[ReportRow]
    page_size: int
