"""Whether a service may send this template to this recipient with this key: every rule of a send, in Notify's
order and with Notify's messages, for the public API, the spreadsheet check and job processing alike.

A send is checked in two steps because the request's sender (text message sender, email reply-to) is looked
up between them, as Notify does:

    check_template(service, template, kind)            # channel permission, template usable for this channel
    check_send(service, template, key_type, ...)      # message renders, letter keys, recipient, trial mode

Nothing here reads a store: the caller passes the template it found (None when not found) and, when
`needs_allowed_list` says so, the team's and guest list's recipients (`allowed_recipients`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from attrs import frozen

from . import message as messages
from .constants import KeyType, NotificationType, Postage, ServicePermission
from .errors import Forbidden, InvalidRequest, ValidationFailed
from .message import Message
from .postal_address import PostalAddress
from .recipients import (
    NOT_UK_MOBILE,
    InvalidEmailAddress,
    InvalidPhoneNumber,
    PhoneNumber,
    normalise_email_address,
    strip_whitespace,
    validate_email_address,
)
from .sender import DEFAULT_SMS_SENDER
from .service import GuestListEntry, Service
from .sms import rate_multiplier
from .template import Template
from .user import User

NOTIFY_EMAIL_DOMAIN = "notifications.service.gov.uk"
TRIAL_MODE = ("Can’t send to this recipient when service is in trial mode – see "
              "https://www.notifications.service.gov.uk/trial-mode")
TEAM_ONLY = "Can’t send to this recipient using a team-only API key"
CHANNEL_NAMES = {NotificationType.SMS: "text messages", NotificationType.EMAIL: "emails",
                 NotificationType.LETTER: "letters"}


def check_channel(service: Service, kind: NotificationType) -> None:
    if not service.has_permission(kind):  # a StrEnum: the permission's own string, without reading .value
        raise InvalidRequest(f"Service is not allowed to send {CHANNEL_NAMES[kind]}")


def check_template(service: Service, template: Template | None, kind: NotificationType) -> Template:
    """The API's template rules: the service sends this channel, and the template (None: not found) is a
    live, visible template of that channel."""
    check_channel(service, kind)
    if template is None or template.hidden:
        raise InvalidRequest("Template not found")
    if template.template_type != kind:
        raise InvalidRequest(f"{template.template_type.value} template is not suitable for "
                             f"{kind.value} notification")
    if template.archived:
        raise InvalidRequest("Template has been deleted")
    return template


def check_job_template(service: Service, template: Template | None) -> Template:
    """The spreadsheet upload's and job's template rules (the admin API's messages)."""
    if template is None:
        raise ValidationFailed({"template_id": ["Template not found"]})
    if template.archived:
        raise ValidationFailed({"template": ["Template has been deleted"]})
    check_channel(service, template.template_type)
    if template.template_type is NotificationType.LETTER and service.restricted:
        raise Forbidden("Create letter job is not allowed for service in trial mode ")
    return template


def check_letter_key(service: Service, key_type: KeyType) -> None:
    if key_type is KeyType.TEAM:
        raise Forbidden("Cannot send letters with a team api key")
    if service.restricted and key_type is not KeyType.TEST:
        raise Forbidden("Cannot send letters when service is in trial mode")


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
    `sms_sender` / `email_reply_to` become the notification's reply_to_text."""
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


def needs_allowed_list(service: Service, key_type: KeyType, kind: NotificationType) -> bool:
    """Whether a send with this key may only reach the team and the guest list (trial mode, team keys; letters
    have their own rule, `check_letter_key`)."""
    return kind is not NotificationType.LETTER and key_type is not KeyType.TEST \
        and (key_type is KeyType.TEAM or service.restricted)


def may_reach(normalised_to: str, allowed: Collection[str]) -> bool:
    return normalised_to.lower() in allowed


def check_allowed(key_type: KeyType, normalised_to: str, allowed: Collection[str]) -> None:
    """Trial mode and team keys: only the team and the guest list (`allowed_recipients`)."""
    if not may_reach(normalised_to, allowed):
        raise InvalidRequest(TEAM_ONLY if key_type is KeyType.TEAM else TRIAL_MODE)


def allowed_recipients(team: Iterable[User], guest_list: Iterable[GuestListEntry]) -> frozenset[str]:
    """Normalised phone numbers and emails of the team and the guest list; unparseable entries reach nobody."""
    allowed: set[str] = set()
    for user in team:
        allowed.add(user.email_address.lower())
        if user.mobile_number:
            try:
                allowed.add(PhoneNumber.parse(user.mobile_number).normalised)
            except InvalidRequest:
                pass
    for entry in guest_list:
        try:
            allowed.add(PhoneNumber.parse(entry.recipient).normalised if entry.recipient_type == "mobile"
                        else normalise_email_address(entry.recipient))
        except InvalidRequest:
            pass
    return frozenset(allowed)


@frozen
class CheckedSend:
    message: Message
    recipient: CheckedRecipient


def check_send(service: Service, template: Template, key_type: KeyType, recipient: str | None,
               personalisation: Mapping[str, Any], *, allowed: Collection[str] | None,
               sms_sender: str = DEFAULT_SMS_SENDER, email_reply_to: str | None = None) -> CheckedSend:
    """The rest of an API send once `check_template` passed and the sender is known: the message renders,
    letters are sent with a key that may, the recipient is valid for the service, and trial mode or a team
    key allow it (`allowed`, required when `needs_allowed_list`)."""
    kind = template.template_type
    message = messages.render(template, personalisation, sms_prefix=service.sms_prefix)
    if kind is NotificationType.LETTER:
        check_letter_key(service, key_type)
    checked = check_recipient(service, template, recipient, personalisation, sms_sender=sms_sender,
                              email_reply_to=email_reply_to)
    if needs_allowed_list(service, key_type, kind):
        if allowed is None:
            raise ValueError("a restricted send needs the allowed recipients")
        check_allowed(key_type, checked.normalised_to, allowed)
    return CheckedSend(message, checked)
