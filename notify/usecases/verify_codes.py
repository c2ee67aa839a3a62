"""Second-factor sign-in codes: made, stored as a hash, sent through the platform's own service (a text message
with a short code, or an email with a sign-in link), and checked once. Wrong, used or expired codes count as
failed logins; a locked user's codes are never accepted."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from uuid import UUID

from notify.domain import errors
from notify.domain.user import User
from notify.domain.verify_code import SMS_CODE_DIGITS, CodeType, VerifyCode, may_send_another, new_code

from . import platform_service
from .app import Notify

DEFAULT_ADMIN_BASE_URL = "http://localhost:6012"  # where the admin frontend runs unless the caller says


def send_sms_code(notify: Notify, user_id: UUID, *, to: str | None = None) -> None:
    """Text a new code to `to`, else the user's mobile number. Silently nothing when the user already has
    the most unused codes allowed (Notify answers 204 either way, so callers learn nothing)."""
    with notify.uow() as uow:
        user = uow.users.get(user_id)
    recipient = to or user.mobile_number
    if not recipient:
        raise errors.InvalidRequest("User has no mobile number", field="to")
    secret = _new_code(notify, user, CodeType.SMS)
    if secret is not None:
        platform_service.send(notify, platform_service.SMS_CODE, recipient, {"verify_code": secret})


def send_email_code(notify: Notify, user_id: UUID, *, to: str | None = None,
                    email_auth_link_host: str | None = None, next_url: str | None = None) -> None:
    """Email a sign-in link: `<host>/email-auth/<user id>/<code>` (and `?next=` when given)."""
    with notify.uow() as uow:
        user = uow.users.get(user_id)
    secret = _new_code(notify, user, CodeType.EMAIL)
    if secret is None:
        return
    url = f"{(email_auth_link_host or DEFAULT_ADMIN_BASE_URL).rstrip('/')}/email-auth/{user.id}/{secret}"
    if next_url:
        url += f"?next={quote(next_url, safe='')}"
    platform_service.send(notify, platform_service.EMAIL_SIGN_IN, to or user.email_address,
                          {"name": user.name, "url": url})


def verify_code(notify: Notify, user_id: UUID, code: str, code_type: CodeType) -> User:
    """Accept an unused, unexpired code of this type: the user is signed in (a new session id, logged_in_at,
    failed count back to 0; an email code also proves access to the address). Otherwise the failed count goes
    up and Notify's 404 'Code not found' (no such code, or the user is locked) or 400 'Code has expired'."""
    now = notify.clock.now()
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        if user.locked:
            raise errors.NotFound("Code not found")
        found = next((c for c in uow.verify_codes.list_for_user(user_id, code_type)
                      if notify.passwords.verify(code, c.code_hash)), None)
        if found is None or not found.active(now):
            uow.users.update(user.failed_login(now=now))
            uow.commit()
            if found is None:
                raise errors.NotFound("Code not found")
            raise errors.InvalidRequest("Code has expired", field="code")
        signed_in = user.logged_in(now=now).changed(now=now, current_session_id=notify.ids.new())
        if code_type is CodeType.EMAIL:
            signed_in = signed_in.changed(now=now, email_access_validated_at=now)
        uow.users.update(signed_in)
        uow.verify_codes.update(found.used())
        uow.commit()
        return signed_in


def _new_code(notify: Notify, user: User, code_type: CodeType) -> str | None:
    """A fresh code, stored hashed; None when the user has too many unused ones."""
    now = notify.clock.now()
    raw = notify.secrets.new_secret()
    secret = raw if code_type is CodeType.EMAIL else \
        str(int.from_bytes(hashlib.sha256(raw.encode()).digest(), "big") % 10 ** SMS_CODE_DIGITS).zfill(SMS_CODE_DIGITS)
    with notify.uow() as uow:
        if not may_send_another(uow.verify_codes.list_for_user(user.id, code_type), now):
            return None
        uow.verify_codes.add(new_code(id=notify.ids.new(), user_id=user.id, code_type=code_type,
                                      code_hash=notify.passwords.hash(secret), now=now))
        uow.commit()
    return secret
