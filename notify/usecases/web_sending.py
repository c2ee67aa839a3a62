"""One message sent by a signed-in team member from a template (Notify's one-off send): the checks of an API
send with a normal key, no API key recorded and the sender recorded instead; and reading it back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from notify.domain import sending
from notify.domain.constants import KeyType, NotificationType
from notify.domain.limits import Admission
from notify.domain.notification import Notification
from notify.domain.sender import DEFAULT_SMS_SENDER
from notify.domain.simulated import is_simulated_recipient

from . import letters, senders
from .app import Notify
from .notifications import limits_for_send
from .team_sender import check_team_member
from .trial_mode import cached_allowed_recipients


def send_one_off(notify: Notify, service_id: UUID, *, template_id: UUID, created_by: UUID,
                 recipient: str | None, personalisation: Mapping[str, Any],
                 sender_id: UUID | None = None) -> Notification:
    """`sender_id` picks the text message sender or the email reply-to address (the default when None)."""
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        current = uow.templates.get(service_id, template_id)
        check_team_member(uow, service, created_by)
    kind = NotificationType(current.template_type.value)
    template = sending.check_template(service, current, kind)
    sms_sender = senders.sms_sender_for(notify, service, sender_id) \
        if kind is NotificationType.SMS else DEFAULT_SMS_SENDER
    reply_to = senders.reply_to_for(notify, service, sender_id) if kind is NotificationType.EMAIL else None
    allowed = cached_allowed_recipients(notify, service.id) \
        if sending.needs_allowed_list(service, KeyType.NORMAL, kind) else None
    checked = sending.check_send(service, template, KeyType.NORMAL, recipient, personalisation, allowed=allowed,
                                 sms_sender=sms_sender, email_reply_to=reply_to)
    now = notify.clock.now()
    extra = dict(checked.recipient.extra)
    letter = None
    if kind is NotificationType.LETTER:
        letter = letters.prepare_template_letter(notify, template, checked.message,
                                                 checked.recipient.to.split("\n"), now)
        extra.update(reply_to_text=letter.contact_block, billable_units=letter.sheets)
    notification = Notification(
        id=notify.ids.new(), service_id=service.id, template_id=template.id, template_version=template.version,
        notification_type=kind, to=checked.recipient.to, normalised_to=checked.recipient.normalised_to,
        created_at=now, key_type=KeyType.NORMAL, personalisation=dict(personalisation), created_by_id=created_by,
        **extra)
    simulated = is_simulated_recipient(kind, checked.recipient.normalised_to)
    if not simulated:
        letters.keep_pdf(notify, notification, letter.pdf if letter else None)
    notify.admit(Admission(notification, not simulated, limits_for_send(
        notify, service, KeyType.NORMAL, kind, international_sms=bool(extra.get("international")),
        count_daily=not simulated, now=now)))
    if not simulated and notify.queue is not None:
        notify.queue.enqueue_prepared([(notification, checked.message)])
    return notification


def get_sent(notify: Notify, service_id: UUID, notification_id: UUID) -> Notification:
    """One of the service's notifications (NotificationNotFound for another service's)."""
    with notify.uow() as uow:
        return uow.notifications.get(service_id, notification_id)
