"""The platform's own service: how notify sends its account messages (sign-in codes, invitations, password
resets) through the same send path, providers and records as any other service. Made on first use with fixed
ids, so every process (and every restart) finds the same service, templates and key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from notify.domain import errors
from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType, NotificationType, UserState
from notify.domain.service import Service, ServiceUser
from notify.domain.template import Template, new_template
from notify.domain.user import User

from .app import Notify
from .auth import ServiceAuth
from .notifications import SendRequest, SentNotification, send_notification
from .senders import default_sms_sender

SERVICE_ID = UUID("d6aa2c68-a2d9-4437-ab19-3ae8eb202553")
USER_ID = UUID("6af522d0-2915-4e52-83a3-3690455a5fe6")
API_KEY_ID = UUID("2f2d1d65-2f5a-4cf4-9bd6-5a6d4bdc1a0e")
SERVICE_NAME = "Notify"

SMS_CODE = UUID("36fb0730-6259-4da1-8a80-c8de22ad4246")
EMAIL_SIGN_IN = UUID("299726d2-dba6-42b8-8209-30e1d66ea164")
PASSWORD_RESET = UUID("474e9242-823b-4f99-813d-ed392e7f1201")
EMAIL_VERIFICATION = UUID("ece42649-22a8-4d06-b87f-d52d5d3f0a27")
CHANGE_EMAIL = UUID("eb4d9930-87ab-4aef-9bce-786762687884")
ALREADY_REGISTERED = UUID("0880fbb1-a0c6-46f0-9a8e-36c986381ceb")
SERVICE_INVITE = UUID("4f46df42-f795-4cc4-83bb-65ca312f49cc")
ORGANISATION_INVITE = UUID("203566f0-d835-47c5-aa06-932439c86573")
JOIN_REQUEST = UUID("5a1f8b6e-3c42-4d2b-9a8e-2f6c1d7e9b10")
REPLY_TO_VERIFICATION = UUID("3c6ce529-627d-4dfe-a76b-a1651c9a2d08")
GO_LIVE_REQUEST = UUID("bf5ff739-7005-497a-bdf9-18508f9a0f62")
GO_LIVE_RECEIPT = UUID("d2b92cfb-431f-4092-b1d6-28fa935316f0")
GO_LIVE_NEXT_STEPS = UUID("8b059e92-ee0f-4c94-bfc7-56f6517b88cd")
GO_LIVE_REJECTED = UUID("474ea58c-e589-4947-bcbe-c6717a4619b1")

SMS, EMAIL = NotificationType.SMS, NotificationType.EMAIL
# id -> (name, type, subject, content); wording is ours
TEMPLATES: Mapping[UUID, tuple[str, NotificationType, str | None, str]] = {
    SMS_CODE: ("Sign-in code", SMS, None, "((verify_code)) is your Notify security code. It expires in 30 minutes."),
    EMAIL_SIGN_IN: ("Sign-in link", EMAIL, "Sign in to Notify",
                    "Hello ((name)),\n\nUse this link to sign in:\n\n((url))\n\n"
                    "It works once and expires in 30 minutes."),
    PASSWORD_RESET: ("Password reset", EMAIL, "Reset your Notify password",
                     "Hello ((user_name)),\n\nChoose a new password here:\n\n((url))\n\n"
                     "If you did not ask for this, you can ignore this email."),
    EMAIL_VERIFICATION: ("Confirm your email address", EMAIL, "Confirm your email address",
                         "Hello ((name)),\n\nConfirm your email address to finish creating your account:\n\n"
                         "((url))"),
    CHANGE_EMAIL: ("Confirm your new email address", EMAIL, "Confirm your new email address",
                   "Hello ((name)),\n\nConfirm this is your new email address:\n\n((url))"),
    ALREADY_REGISTERED: ("Account already exists", EMAIL, "You already have a Notify account",
                         "Someone tried to create a Notify account with this email address, which already has "
                         "one.\n\nSign in: ((signin_url))\nForgotten your password? ((forgot_password_url))\n\n"
                         "Questions? ((feedback_url))"),
    SERVICE_INVITE: ("Invitation to a service", EMAIL, "((user_name)) invited you to ((service_name))",
                     "((user_name)) has invited you to join ((service_name)) on Notify.\n\n"
                     "Accept the invitation within 2 days:\n\n((url))"),
    ORGANISATION_INVITE: ("Invitation to an organisation", EMAIL,
                          "((user_name)) invited you to ((organisation_name))",
                          "((user_name)) has invited you to join ((organisation_name)) on Notify.\n\n"
                          "Accept the invitation within 2 days:\n\n((url))"),
    JOIN_REQUEST: ("Request to join a service", EMAIL, "((requester_name)) wants to join ((service_name))",
                   "Hello ((approver_name)),\n\n((requester_name)) has asked to join ((service_name)).\n\n"
                   "((reason))\n\nApprove or reject the request: ((url))"),
    REPLY_TO_VERIFICATION: ("Reply-to address check", EMAIL, "Your reply-to email address",
                            "This email was sent to check that replies to your service's emails can reach this "
                            "address. You do not need to do anything else."),
    GO_LIVE_REQUEST: ("Request to go live", EMAIL, "((requester_name)) wants to make ((service_name)) live",
                      "Hello ((name)),\n\n((requester_name)) (((requester_email_address))) has asked to make "
                      "((service_name)) live for ((organisation_name)).\n\nApprove or reject the request: "
                      "((make_service_live_link))\n\nQuestions? ((support_page_link))"),
    GO_LIVE_RECEIPT: ("Request to go live sent", EMAIL, "Your request to make ((service_name)) live",
                      "Hello ((name)),\n\nWe have asked ((organisation_team_member_names)) at "
                      "((organisation_name)) to approve making ((service_name)) live."),
    GO_LIVE_NEXT_STEPS: ("Next steps to go live", EMAIL, "Making ((service_name)) live", "((body))"),
    GO_LIVE_REJECTED: ("Request to go live rejected", EMAIL, "Your request to make ((service_name)) live",
                       "Hello ((name)),\n\n((organisation_team_member_name)) "
                       "(((organisation_team_member_email))) at ((organisation_name)) did not approve making "
                       "((service_name)) live:\n\n((reason))"),
}


def send(notify: Notify, template_id: UUID, recipient: str, personalisation: Mapping[str, Any]) -> SentNotification:
    """Send one of the platform's account messages to `recipient`."""
    auth = _auth(notify)
    _ensure_template(notify, template_id)
    return send_notification(notify, auth, SendRequest(
        notification_type=TEMPLATES[template_id][1], template_id=template_id, recipient=recipient,
        personalisation=dict(personalisation)))


def _auth(notify: Notify) -> ServiceAuth:
    with notify.uow() as uow:
        try:
            return ServiceAuth(uow.services.get(SERVICE_ID), uow.api_keys.get(SERVICE_ID, API_KEY_ID))
        except errors.NotFound:
            pass
    _create(notify)
    with notify.uow() as uow:
        return ServiceAuth(uow.services.get(SERVICE_ID), uow.api_keys.get(SERVICE_ID, API_KEY_ID))


def _ensure_template(notify: Notify, template_id: UUID) -> None:
    """Templates added in later releases are made when first needed (the service may predate them)."""
    with notify.uow() as uow:
        try:
            uow.templates.get(SERVICE_ID, template_id)
            return
        except errors.TemplateNotFound:
            uow.templates.add(_template(notify, template_id))
        try:
            uow.commit()
        except errors.AlreadyExists:
            return


def _template(notify: Notify, template_id: UUID) -> Template:
    name, kind, subject, content = TEMPLATES[template_id]
    details = {"subject": subject} if subject else {}
    return new_template(id=template_id, service_id=SERVICE_ID, name=name, template_type=kind, content=content,
                        created_by=USER_ID, now=notify.clock.now(), **details)


def _create(notify: Notify) -> None:
    """The service, its user, templates and key in one transaction; a concurrent maker wins quietly."""
    now = notify.clock.now()
    with notify.uow() as uow:
        try:
            uow.users.get(USER_ID)
        except errors.UserNotFound:
            uow.users.add(User(id=USER_ID, name="Notify service user", email_address="notify-service-user@localhost",
                               password_hash=notify.passwords.hash(notify.secrets.new_secret()), created_at=now,
                               state=UserState.ACTIVE))
        service = Service(id=SERVICE_ID, name=SERVICE_NAME, created_by=USER_ID, created_at=now, restricted=False,
                          prefix_sms=False, email_sender_local_part="notify", count_as_live=False,
                          permissions=frozenset({SMS.value, EMAIL.value}))
        try:
            uow.services.add(service)
        except errors.AlreadyExists:
            return
        uow.sms_senders.add(default_sms_sender(notify, service))
        uow.service_users.add(ServiceUser(service_id=SERVICE_ID, user_id=USER_ID, permissions=frozenset(),
                                          created_at=now))
        for template_id in TEMPLATES:
            uow.templates.add(_template(notify, template_id))
        uow.api_keys.add(ApiKey(id=API_KEY_ID, service_id=SERVICE_ID, name="Account messages",
                                secret=notify.secrets.new_secret(), key_type=KeyType.NORMAL, created_at=now,
                                created_by=USER_ID))
        try:
            uow.commit()
        except errors.AlreadyExists:
            return
