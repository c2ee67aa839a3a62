"""Sending through the public API, and reading notifications back.

A send reads top to bottom: the sending rules (domain.sending) over what the caller's service has (read through
the 2 s cache), then admission (counted against the limits and stored, in one transaction, or refused; the
limits are counted in the store so that they hold across processes), then the hand-over to delivery."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import field, frozen

from notify.domain import message as messages
from notify.domain import sending
from notify.domain.constants import API_PAGE_SIZE, KeyType, NotificationStatus, NotificationType
from notify.domain.errors import InvalidRequest, TemplateNotFound
from notify.domain.limits import Admission, Limit, limits_at, send_limits
from notify.domain.message import Message
from notify.domain.notification import Notification
from notify.domain.sanitise import Sanitised, sanitise_personalisation
from notify.domain.sender import DEFAULT_SMS_SENDER
from notify.domain.service import Service
from notify.domain.simulated import is_simulated_recipient
from notify.domain.template import Template
from notify.ports.unit_of_work import UnitOfWork

from . import documents, letters, senders
from .app import Notify
from .auth import ServiceAuth
from .cache import CurrentTemplate, SendLimits
from .trial_mode import cached_allowed_recipients
from .unsubscribe import unsubscribe_url


@frozen(kw_only=True)
class SendRequest:
    """One POST /v2/notifications/{type}, already shape-checked by the entrypoint."""

    notification_type: NotificationType
    template_id: UUID
    recipient: str | None = None  # phone number / email address; letters take the address from personalisation
    personalisation: Mapping[str, Any] = {}
    reference: str | None = None
    sms_sender_id: UUID | None = None
    email_reply_to_id: UUID | None = None
    one_click_unsubscribe_url: str | None = None
    sanitise_content_for: Sequence[str] = ()  # email: personalisation keys to show as typed (domain.sanitise)
    url_root: str = ""  # where links to files sent by email point (this API's own download page)


@frozen
class SentNotification:
    """What the 201 shows: the notification (not stored when the recipient is simulated), its template
    version and the rendered message."""

    notification: Notification
    template: Template
    message: Message
    from_number: str | None = None
    from_email: str | None = None
    simulated: bool = False
    sanitised: Mapping[str, Sanitised] = field(factory=dict)  # what sanitise_content_for changed, by key


def send_notification(notify: Notify, auth: ServiceAuth, request: SendRequest) -> SentNotification:
    """Check, admit (stored as `created` and counted, or refused) and hand to the delivery queue. Answers only
    once committed."""
    service, kind, key_type = auth.service, request.notification_type, auth.key_type
    template = sending.check_template(service, _current_template(notify, service.id, request.template_id), kind)
    sms_sender = senders.sms_sender_for(notify, service, request.sms_sender_id) \
        if kind is NotificationType.SMS else DEFAULT_SMS_SENDER
    reply_to = senders.reply_to_for(notify, service, request.email_reply_to_id) \
        if kind is NotificationType.EMAIL else None
    allowed = cached_allowed_recipients(notify, service.id) \
        if sending.needs_allowed_list(service, key_type, kind) else None
    personalisation: Mapping[str, Any] = request.personalisation  # copied by prepare_files
    sanitised: dict[str, Sanitised] = {}
    if kind is NotificationType.EMAIL and request.sanitise_content_for:
        personalisation, sanitised = sanitise_personalisation(personalisation, request.sanitise_content_for)
    files = documents.prepare_files(notify, service, kind, personalisation, request.url_root)
    personalisation = files.personalisation
    checked = sending.check_send(service, template, key_type, request.recipient, personalisation, allowed=allowed,
                                 sms_sender=sms_sender, email_reply_to=reply_to)
    recipient, now = checked.recipient, notify.clock.now()
    extra = dict(recipient.extra)
    if kind is NotificationType.EMAIL:
        extra["one_click_unsubscribe_url"] = request.one_click_unsubscribe_url
    letter = None
    if kind is NotificationType.LETTER:  # its PDF now: the sheets it prints on are what it costs
        letter = letters.prepare_template_letter(notify, template, checked.message, recipient.to.split("\n"), now)
        extra.update(reply_to_text=letter.contact_block, billable_units=letter.sheets)
    notification = Notification(
        id=notify.ids.new(), service_id=service.id, template_id=template.id, template_version=template.version,
        notification_type=kind, to=recipient.to, normalised_to=recipient.normalised_to, created_at=now,
        key_type=key_type, api_key_id=auth.api_key.id, personalisation=personalisation,
        client_reference=request.reference, **extra)
    simulated = is_simulated_recipient(kind, recipient.normalised_to)
    if not simulated:
        documents.keep_files(notify, service.id, files.files, recipient.to)
        letters.keep_pdf(notify, notification, letter.pdf if letter else None)
    try:
        notify.admit(Admission(notification, not simulated, limits_for_send(
            notify, service, key_type, kind, international_sms=bool(extra.get("international")),
            count_daily=not simulated, now=now)))
    except Exception:
        documents.forget_files(notify, service.id, files.files)
        if letter is not None:
            letters.forget_pdf(notify, notification)
        raise
    if not simulated and notify.queue is not None:
        notify.queue.enqueue_prepared([(notification, checked.message)])
    return SentNotification(notification, template, checked.message, recipient.from_number, recipient.from_email,
                            simulated, sanitised)


def _current_template(notify: Notify, service_id: UUID, template_id: UUID) -> Template | None:
    """The template's current version, from the 2 s cache; None when the service has no such template."""

    try:
        return notify.cache.get_or_load(CurrentTemplate(service_id, template_id), notify.clock.now(),
                                        _load_template, notify, service_id, template_id)
    except TemplateNotFound:
        return None


def _load_template(notify: Notify, service_id: UUID, template_id: UUID) -> Template:
    with notify.uow() as uow:
        return uow.templates.get(service_id, template_id)


def limits_for_send(notify: Notify, service: Service, key_type: KeyType, kind: NotificationType, *,
            international_sms: bool, count_daily: bool, now: datetime) -> tuple[Limit, ...]:
    """Worked out once a minute for each service version, key type and channel (cached), then set at `now`."""
    minute = now.replace(second=0, microsecond=0)
    key = SendLimits(service.id, service.version, key_type, kind, international_sms, count_daily, minute)
    return limits_at(notify.cache.get_or_load(key, now, send_limits, service, key_type, kind,
                                              international_sms=international_sms, count_daily=count_daily,
                                              now=minute), now)


# -- reading back -------------------------------------------------------------------------------------------

@frozen
class NotificationView:
    """A notification with the template version it was sent with (GET shows the re-rendered body)."""

    notification: Notification
    template: Template
    message: Message | None
    created_by_name: str | None = None  # the team member who sent it from the admin side (a job)
    one_click_unsubscribe_url: str | None = None  # the sender's, or ours when the template asks for one

    @property
    def body(self) -> str:
        return self.message.body if self.message else ""

    @property
    def subject(self) -> str | None:
        return self.message.subject if self.message else None


def _view(notify: Notify, uow: UnitOfWork, notification: Notification, templates: dict[tuple[UUID, int], Template],
          names: dict[UUID, str | None] | None = None) -> NotificationView:
    key = (notification.template_id, notification.template_version)
    if key not in templates:
        templates[key] = uow.templates.get_version(notification.service_id, *key)
    template = templates[key]
    try:
        message: Message | None = messages.preview(template, notification.personalisation)
    except InvalidRequest:
        message = None
    return NotificationView(notification, template, message,
                            _sender_name(uow, notification.created_by_id, {} if names is None else names),
                            unsubscribe_url(notify, notification, template_asks=template.has_unsubscribe_link))


def _sender_name(uow: UnitOfWork, user_id: UUID | None, names: dict[UUID, str | None]) -> str | None:
    if user_id is None:
        return None
    if user_id not in names:
        found = uow.users.list([user_id])
        names[user_id] = found[0].name if found else None
    return names[user_id]


def get_notification(notify: Notify, auth: ServiceAuth, notification_id: UUID) -> NotificationView:
    """Any key type of the caller's service may read it (as Notify); other services' ids are not found."""
    with notify.uow() as uow:
        notification = uow.notifications.get(auth.service_id, notification_id)
        return _view(notify, uow, notification, {})


def list_notifications(notify: Notify, auth: ServiceAuth, *, statuses: Sequence[NotificationStatus] | None = None,
                       template_types: Sequence[NotificationType] | None = None, reference: str | None = None,
                       older_than: UUID | None = None, include_jobs: bool = False,
                       limit: int = API_PAGE_SIZE) -> list[NotificationView]:
    """Newest first, only those sent with the caller's key type, one page."""
    with notify.read_uow() as uow:
        rows = uow.notifications.list_for_service(
            auth.service_id, statuses=statuses or None, notification_types=template_types or None,
            key_type=auth.key_type.value, client_reference=reference, older_than=older_than,
            include_jobs=include_jobs, limit=limit)
        templates: dict[tuple[UUID, int], Template] = {}
        names: dict[UUID, str | None] = {}
        return [_view(notify, uow, n, templates, names) for n in rows]
