"""Signing in to the web pages: the first platform admin, the password (its failures counted towards the
lockout), one live session per user, sign out. The second factor is the admin API's own (usecases/verify_codes:
a code texted or a link emailed through the platform's own service)."""

from __future__ import annotations

from uuid import UUID

from notify.domain import errors
from notify.domain.constants import AuthType
from notify.domain.user import User

from . import users
from .app import Notify

WRONG_DETAILS = "The email address or password you entered is incorrect"


def needs_first_admin(notify: Notify) -> bool:
    with notify.uow() as uow:
        return not uow.users.list()


def create_first_admin(notify: Notify, *, name: str, email_address: str, password: str) -> User:
    """The platform's first user (a platform admin), who signs in with a link by email.
    Refused once any user exists: first run happens once."""
    if not needs_first_admin(notify):
        raise errors.Forbidden("An administrator already exists")
    return users.create_user(notify, name=name, email_address=email_address, password=password,
                             platform_admin=True, auth_type=AuthType.EMAIL)


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
