"""Signing in to the web pages: the first platform admin, password then a code sent by email through this
platform's own providers (from a service of its own), one live session per user, sign out.

Codes are never stored: the web entrypoint keeps a keyed digest of the code in the signed session, so what
this module guards is the user's failed-attempt count (wrong passwords and wrong codes both raise it, and a
locked user can no longer sign in)."""

from __future__ import annotations

from uuid import UUID

from notify.domain import errors
from notify.domain.constants import AuthType, KeyType, NotificationType, TemplateType
from notify.domain.user import User

from . import api_keys, services, templates, users
from .app import Notify
from .auth import authenticate_api_key
from .notifications import SendRequest, send_notification

SIGN_IN_SERVICE_NAME = "Notify sign-in"
SIGN_IN_TEMPLATE_NAME = "Sign-in code"
SIGN_IN_SUBJECT = "Your sign-in code"
SIGN_IN_CONTENT = "((code)) is your sign-in code.\n\nIt expires in 15 minutes. If you did not try to sign in, " \
                  "someone may know your password: change it."
WRONG_DETAILS = "The email address or password you entered is incorrect"


def needs_first_admin(notify: Notify) -> bool:
    with notify.uow() as uow:
        return not uow.users.list()


def create_first_admin(notify: Notify, *, name: str, email_address: str, password: str) -> User:
    """The platform's first user (a platform admin) and the service that sends everyone's sign-in codes.
    Refused once any user exists: first run happens once."""
    if not needs_first_admin(notify):
        raise errors.Forbidden("An administrator already exists")
    user = users.create_user(notify, name=name, email_address=email_address, password=password,
                             platform_admin=True, auth_type=AuthType.EMAIL)
    service = services.create_service(notify, name=SIGN_IN_SERVICE_NAME, user_id=user.id)
    services.update_service(notify, service.id, {"restricted": False})  # codes go to every user, not only its team
    templates.create_template(notify, service.id, name=SIGN_IN_TEMPLATE_NAME, template_type=TemplateType.EMAIL,
                              subject=SIGN_IN_SUBJECT, content=SIGN_IN_CONTENT, created_by=user.id)
    api_keys.create_api_key(notify, service.id, name="sign-in codes", key_type=KeyType.NORMAL, created_by=user.id)
    return user


def check_password(notify: Notify, email_address: str, password: str) -> User:
    """The user whose password this is; otherwise InvalidRequest with one message for every cause (no hint
    whether the address has an account). A wrong password counts towards the lockout."""
    try:
        user = users.get_user_by_email(notify, email_address).user
    except errors.UserNotFound:
        raise errors.InvalidRequest(WRONG_DETAILS, field="password") from None
    try:
        users.verify_password(notify, user.id, password)
    except errors.InvalidRequest:
        raise errors.InvalidRequest(WRONG_DETAILS, field="password") from None
    return user


def send_sign_in_code(notify: Notify, user_id: UUID, code: str) -> None:
    """Email the code through the sign-in service, as any service's message is sent."""
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        found = [s for s in uow.services.list(only_active=True) if s.name == SIGN_IN_SERVICE_NAME]
    if not found:
        raise errors.InvalidRequest("The sign-in service is missing: codes cannot be sent")
    service = found[0]
    template = next(t for t in templates.list_templates(notify, service.id, TemplateType.EMAIL)
                    if t.name == SIGN_IN_TEMPLATE_NAME)
    key = next(k for k in api_keys.list_api_keys(notify, service.id) if not k.revoked)
    send_notification(notify, authenticate_api_key(notify, service.id, key.id), SendRequest(
        notification_type=NotificationType.EMAIL, template_id=template.id, recipient=user.email_address,
        personalisation={"code": code}))


def wrong_code(notify: Notify, user_id: UUID) -> None:
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        uow.users.update(user.failed_login(now=notify.clock.now()))
        uow.commit()


def start_session(notify: Notify, user_id: UUID) -> UUID:
    """A new session for the user (any earlier one ends); its id goes in the session cookie."""
    session_id = notify.ids.new()
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        if user.locked:
            raise errors.Forbidden("Too many failed attempts: this account is locked")
        uow.users.update(user.logged_in(now=notify.clock.now()).changed(
            now=notify.clock.now(), current_session_id=session_id))
        uow.commit()
    return session_id


def session_user(notify: Notify, user_id: UUID, session_id: UUID) -> User | None:
    """The signed-in user, or None once the session was ended or replaced, or the user locked or archived."""
    with notify.uow() as uow:
        try:
            user = uow.users.get(user_id)
        except errors.UserNotFound:
            return None
    if user.current_session_id != session_id or user.locked or user.state.value != "active":
        return None
    return user


def end_session(notify: Notify, user_id: UUID) -> None:
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        uow.users.update(user.changed(now=notify.clock.now(), current_session_id=None))
        uow.commit()
