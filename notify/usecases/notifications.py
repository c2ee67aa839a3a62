"""Sending through the public API, and reading notifications back: Notify's rules, in Notify's order
(NOTIFY-CONTRACT §2.4) except that the rate and daily limits are counted in the write's own transaction
(so they hold across processes and a refused send gives its count back)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import message as messages
from notify.domain.constants import (
    API_PAGE_SIZE,
    KeyType,
    NotificationStatus,
    NotificationType,
    Postage,
    ServicePermission,
)
from notify.domain.errors import (
    DailyLimitExceeded,
    Forbidden,
    InvalidRequest,
    RateLimitExceeded,
    TemplateNotFound,
    ValidationFailed,
)
from notify.domain.message import Message
from notify.domain.notification import Notification
from notify.domain.postal_address import PostalAddress
from notify.domain.recipients import (
    NOT_UK_MOBILE,
    InvalidEmailAddress,
    InvalidPhoneNumber,
    PhoneNumber,
    normalise_email_address,
    strip_whitespace,
    validate_email_address,
)
from notify.domain.service import Service
from notify.domain.simulated import is_simulated_recipient
from notify.domain.sms import rate_multiplier
from notify.domain.template import Template
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from . import senders
from .auth import ServiceAuth

DEFAULT_SMS_SENDER = "GOVUK"  # Notify's FROM_NUMBER: every service's default text message sender
NOTIFY_EMAIL_DOMAIN = "notifications.service.gov.uk"
TRIAL_MODE = ("Can’t send to this recipient when service is in trial mode – see "
              "https://www.notifications.service.gov.uk/trial-mode")
TEAM_ONLY = "Can’t send to this recipient using a team-only API key"
CHANNEL_NAMES = {NotificationType.SMS: "text messages", NotificationType.EMAIL: "emails",
                 NotificationType.LETTER: "letters"}
RATE_KEY_NAMES = {KeyType.NORMAL: "LIVE", KeyType.TEAM: "TEAM", KeyType.TEST: "TEST"}


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


def _template(notify: Notify, service_id: UUID, template_id: UUID) -> Template:
    """The template's current version, from the 2 s cache; versions are immutable once written."""

    def load() -> Template:
        with notify.uow() as uow:
            return uow.templates.get(service_id, template_id)

    return notify.cache.get_or_load(("template", service_id, template_id), notify.clock.now(), load)


def _checked_template(notify: Notify, service: Service, request: SendRequest) -> Template:
    try:
        template = _template(notify, service.id, request.template_id)
    except TemplateNotFound:
        raise InvalidRequest("Template not found") from None
    if template.hidden:
        raise InvalidRequest("Template not found")
    if template.template_type != request.notification_type:
        raise InvalidRequest(f"{template.template_type.value} template is not suitable for "
                             f"{request.notification_type.value} notification")
    if template.archived:
        raise InvalidRequest("Template has been deleted")
    return template


def _phone(raw: str, service: Service) -> PhoneNumber:
    try:
        number = PhoneNumber.parse(raw)
    except InvalidPhoneNumber as exc:
        raise ValidationFailed({"phone_number": [exc.message]}) from None
    if number.international and not service.has_permission(ServicePermission.INTERNATIONAL_SMS):
        raise InvalidRequest("Cannot send to international mobile numbers")
    if not number.international and not number.mobile \
            and not service.has_permission(ServicePermission.SMS_TO_UK_LANDLINES):
        raise InvalidPhoneNumber(NOT_UK_MOBILE)
    return number


def _email(raw: str) -> str:
    try:
        return validate_email_address(raw)
    except InvalidEmailAddress as exc:
        raise ValidationFailed({"email_address": [exc.message]}) from None


def _allowed_recipients(uow: UnitOfWork, service: Service) -> set[str]:
    """Normalised phone numbers and emails of the team and the guest list (trial mode and team keys)."""
    allowed: set[str] = set()
    members = uow.service_users.list_for_service(service.id)
    for user in uow.users.list([m.user_id for m in members]):
        allowed.add(user.email_address.lower())
        if user.mobile_number:
            try:
                allowed.add(PhoneNumber.parse(user.mobile_number).normalised)
            except InvalidRequest:
                pass
    for entry in uow.guest_list.list_for_service(service.id):
        try:
            allowed.add(PhoneNumber.parse(entry.recipient).normalised if entry.recipient_type == "mobile"
                        else normalise_email_address(entry.recipient))
        except InvalidRequest:
            pass
    return allowed


def _check_restricted(notify: Notify, auth: ServiceAuth, normalised_to: str) -> None:
    """Trial mode and team keys: only the team and the guest list (read through the 2 s cache)."""
    if auth.key_type is KeyType.TEST:
        return
    if auth.key_type is KeyType.TEAM or auth.service.restricted:
        if normalised_to.lower() not in cached_allowed_recipients(notify, auth.service):
            raise InvalidRequest(TEAM_ONLY if auth.key_type is KeyType.TEAM else TRIAL_MODE)


def cached_allowed_recipients(notify: Notify, service: Service) -> set[str]:
    def load() -> set[str]:
        with notify.uow() as uow:
            return _allowed_recipients(uow, service)

    return notify.cache.get_or_load(("allowed-recipients", service.id), notify.clock.now(), load)


def _day_end(now: datetime) -> datetime:
    start = datetime(now.year, now.month, now.day, tzinfo=timezone.utc)
    return start + timedelta(days=1)


@frozen
class Limit:
    """One counter a send uses: its key, when the key may be forgotten, and what refuses the send over it."""

    key: str
    expires_at: datetime
    limit: int
    refusal: Callable[[], Exception]


def _limits(notify: Notify, auth: ServiceAuth, notification_type: NotificationType, *, international_sms: bool,
            count_daily: bool, now: datetime) -> tuple[Limit, ...]:
    """Per-minute rate (a bucket per key type, as Notify) then per-day channel limits; test keys never use
    the daily ones. The same for every send of a service, key type and channel within a minute: cached."""
    service = auth.service
    minute = now.replace(second=0, microsecond=0)
    key = ("limits", service.id, service.version, auth.key_type, notification_type, international_sms, count_daily,
           minute)
    return notify.cache.get_or_load(key, now, lambda: _limits_for(auth, notification_type, international_sms,
                                                                  count_daily, minute))


def _limits_for(auth: ServiceAuth, notification_type: NotificationType, international_sms: bool,
                count_daily: bool, minute: datetime) -> tuple[Limit, ...]:
    service = auth.service
    rate_message = (f"Exceeded rate limit for key type {RATE_KEY_NAMES[auth.key_type]} of "
                    f"{service.rate_limit} requests per 60 seconds")
    limits = [Limit(f"rate:{service.id}:{auth.key_type.value}:{minute:%Y%m%d%H%M}", minute + timedelta(minutes=2),
                    service.rate_limit, lambda: RateLimitExceeded(rate_message))]
    if count_daily and auth.key_type is not KeyType.TEST:
        channels = [notification_type.value] + (["international_sms"] if international_sms else [])
        limits += [_daily_limit(service, channel, minute) for channel in channels]
    return tuple(limits)


def _daily_limit(service: Service, channel: str, now: datetime) -> Limit:
    """The service's limit for `channel` (sms, email, letter, international_sms) on `now`'s day."""
    limit = getattr(service, f"{channel}_message_limit")
    message = f"Exceeded send limits ({channel}: {limit}) for today"
    return Limit(daily_limit_key(service.id, channel, now), _day_end(now) + timedelta(days=1), limit,
                 lambda: DailyLimitExceeded(message))


@frozen
class Admission:
    """A checked send waiting for its transaction: the notification (stored unless simulated) and the
    counters it uses."""

    notification: Notification
    store: bool
    limits: tuple[Limit, ...]


def admit(uow: UnitOfWork, admissions: Sequence[Admission]) -> list[Exception | None]:
    """Count and store many sends in the caller's transaction, exactly as if each had its own: in order,
    a send over any of its limits is refused (its error in its place) and uses nothing, every other one is
    counted and stored. The notifications and one counter upsert for the whole batch go in as one step (one
    statement on PostgreSQL): the counter rows, which every send of the service needs, stay locked only from
    there to the commit. Refused sends (rare) are taken out again and their counts given back."""
    totals: dict[str, list[Any]] = {}
    for admission in admissions:
        for limit in admission.limits:
            total = totals.setdefault(limit.key, [limit.expires_at, 0])
            total[1] += 1
    keys = list(totals)
    after = uow.notifications.add_counted([a.notification for a in admissions if a.store],
                                          [(key, totals[key][0], totals[key][1]) for key in keys])
    used = {key: value - totals[key][1] for key, value in zip(keys, after)}  # as before this batch
    outcomes: list[Exception | None] = []
    refused: list[UUID] = []
    for admission in admissions:
        over = next((limit for limit in admission.limits if used[limit.key] + 1 > limit.limit), None)
        if over is not None:
            outcomes.append(over.refusal())
            if admission.store:
                refused.append(admission.notification.id)
            continue
        for limit in admission.limits:
            used[limit.key] += 1
        outcomes.append(None)
    unused = [(key, totals[key][0], used[key] - after[i]) for i, key in enumerate(keys) if used[key] != after[i]]
    if unused:
        uow.counters.increment_many(unused)
    if refused:
        uow.notifications.remove_many(refused)
    return outcomes


def _admit_batch(notify: Notify, admissions: list[Admission]) -> list[Exception | None]:
    with notify.uow() as uow:
        outcomes = admit(uow, admissions)  # the inserts and the counter upsert: one statement (PostgreSQL)
        uow.commit()
    return outcomes


@frozen
class CheckedRecipient:
    to: str
    normalised_to: str
    extra: Mapping[str, Any]  # the Notification fields the recipient decides (international, postage, ...)
    from_number: str | None = None
    from_email: str | None = None


def check_recipient(service: Service, template: Template, recipient: str | None,
                    personalisation: Mapping[str, Any], *, sms_sender: str = DEFAULT_SMS_SENDER,
                    email_reply_to: str | None = None) -> CheckedRecipient:
    """The recipient rules of one send (API or spreadsheet row): phone number, email address or postal
    address (from personalisation) valid for the service. Raises ValidationFailed / InvalidRequest.
    `sms_sender` / `email_reply_to` (see senders.py) become the notification's reply_to_text."""
    kind = template.template_type
    if kind is NotificationType.LETTER:
        address = PostalAddress.from_personalisation(personalisation).validate(
            allow_international=service.has_permission(ServicePermission.INTERNATIONAL_LETTERS))
        return CheckedRecipient("\n".join(address.lines), address.normalised,
                                {"postage": address.postage_zone or template.postage or Postage.SECOND.value})
    if kind is NotificationType.SMS:
        to = strip_whitespace(recipient or "")
        number = _phone(to, service)
        return CheckedRecipient(to, number.normalised, {
            "international": number.international, "phone_prefix": number.prefix,
            "rate_multiplier": rate_multiplier(number.prefix) if number.billed_as_international else 1.0,
            "reply_to_text": sms_sender}, from_number=sms_sender)
    to = _email(recipient or "")
    return CheckedRecipient(to, to.lower(), {"reply_to_text": email_reply_to},
                            from_email=f"{service.email_sender_local_part or 'service'}@{NOTIFY_EMAIL_DOMAIN}")


def allowed_recipients(uow: UnitOfWork, service: Service) -> set[str]:
    """Normalised phone numbers and emails a restricted (trial) service may send to: team and guest list."""
    return _allowed_recipients(uow, service)


def daily_limit_key(service_id: UUID, channel: str, now: datetime) -> str:
    return f"daily:{service_id}:{channel}:{now:%Y-%m-%d}"


def count_daily(uow: UnitOfWork, service: Service, channel: str, *, now: datetime, amount: int = 1) -> None:
    """Count `amount` sends against the service's daily limit for `channel` (sms, email, letter,
    international_sms); DailyLimitExceeded when over. Counted in the caller's transaction."""
    limit = _daily_limit(service, channel, now)
    if uow.counters.increment(limit.key, expires_at=limit.expires_at, amount=amount) > limit.limit:
        raise limit.refusal()


def send_notification(notify: Notify, auth: ServiceAuth, request: SendRequest) -> SentNotification:
    """Validate, persist as `created` (limits and insert in one transaction, shared with the sends running
    at the same moment: group commit) and hand to the delivery queue. Answers only once committed."""
    service, kind = auth.service, request.notification_type
    if not service.has_permission(kind.value):
        raise InvalidRequest(f"Service is not allowed to send {CHANNEL_NAMES[kind]}")
    template = _checked_template(notify, service, request)
    sms_sender = senders.sms_sender_for(notify, service, request.sms_sender_id) \
        if kind is NotificationType.SMS else DEFAULT_SMS_SENDER  # read through the 2 s cache: no round trip
    reply_to = senders.reply_to_for(notify, service, request.email_reply_to_id) \
        if kind is NotificationType.EMAIL else None
    personalisation = dict(request.personalisation)
    message = messages.render(template, personalisation, sms_prefix=service.sms_prefix)
    now = notify.clock.now()
    if kind is NotificationType.LETTER:
        if auth.key_type is KeyType.TEAM:
            raise Forbidden("Cannot send letters with a team api key")
        if service.restricted and auth.key_type is not KeyType.TEST:
            raise Forbidden("Cannot send letters when service is in trial mode")
    checked = check_recipient(service, template, request.recipient, personalisation, sms_sender=sms_sender,
                              email_reply_to=reply_to)
    to, normalised_to, extra = checked.to, checked.normalised_to, dict(checked.extra)
    from_number, from_email = checked.from_number, checked.from_email
    if kind is NotificationType.EMAIL:
        extra["one_click_unsubscribe_url"] = request.one_click_unsubscribe_url
    notification = Notification(
        id=notify.ids.new(), service_id=service.id, template_id=template.id, template_version=template.version,
        notification_type=kind, to=to, normalised_to=normalised_to, created_at=now, key_type=auth.key_type,
        api_key_id=auth.api_key.id, personalisation=personalisation, client_reference=request.reference,
        **extra)
    simulated = is_simulated_recipient(kind, normalised_to)
    if kind is not NotificationType.LETTER:
        _check_restricted(notify, auth, normalised_to)
    admission = Admission(notification, not simulated, _limits(
        notify, auth, kind, international_sms=bool(extra.get("international")), count_daily=not simulated, now=now))
    refusal = notify.admissions.submit(admission, lambda batch: _admit_batch(notify, batch))
    if refusal is not None:
        raise refusal
    if not simulated and notify.queue is not None:
        if notify.prepared is not None:
            notify.prepared.put(notification, message)
        notify.queue.enqueue(notification.id)
    return SentNotification(notification, template, message, from_number, from_email, simulated)


# -- reading back -------------------------------------------------------------------------------------------

@frozen
class NotificationView:
    """A notification with the template version it was sent with (GET shows the re-rendered body)."""

    notification: Notification
    template: Template
    message: Message | None

    @property
    def body(self) -> str:
        return self.message.body if self.message else ""

    @property
    def subject(self) -> str | None:
        return self.message.subject if self.message else None


def _view(uow: UnitOfWork, notification: Notification, templates: dict[tuple[UUID, int], Template]) -> NotificationView:
    key = (notification.template_id, notification.template_version)
    if key not in templates:
        templates[key] = uow.templates.get_version(notification.service_id, *key)
    template = templates[key]
    try:
        message: Message | None = messages.preview(template, notification.personalisation)
    except InvalidRequest:
        message = None
    return NotificationView(notification, template, message)


def get_notification(notify: Notify, auth: ServiceAuth, notification_id: UUID) -> NotificationView:
    """Any key type of the caller's service may read it (as Notify); other services' ids are not found."""
    with notify.uow() as uow:
        notification = uow.notifications.get(auth.service_id, notification_id)
        return _view(uow, notification, {})


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
        return [_view(uow, n, templates) for n in rows]
