"""Account emails with signed links, sent through the platform's own service: password reset, confirming a
new account's email address or a changed one, and telling someone who tries to register again that they
already have an account. The links point at the admin frontend, which checks the token (`read_token`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote
from uuid import UUID

from notify.domain import errors, signed_tokens
from notify.domain.recipients import validate_email_address

from . import platform_service
from .app import Notify
from .verify_codes import DEFAULT_ADMIN_BASE_URL

PASSWORD_RESET = "password-reset"
EMAIL_VERIFICATION = "email-verification"
CHANGE_EMAIL = "change-email"
LINK_LIFETIME = timedelta(days=1)


def signing_key(notify: Notify) -> str:
    """Links are signed with the admin app's first client secret: the API and the admin app share it already."""
    if not notify.admin_client_secrets:
        raise errors.InvalidRequest("No admin client secret is configured to sign links with")
    return notify.admin_client_secrets[0]


def make_token(notify: Notify, purpose: str, payload: dict[str, Any]) -> str:
    return signed_tokens.sign(payload, key=signing_key(notify), purpose=purpose, now=notify.clock.now())


def read_token(notify: Notify, purpose: str, token: str, max_age: timedelta = LINK_LIFETIME) -> dict[str, Any]:
    """The payload of a link this platform made for `purpose`; InvalidToken when forged or too old."""
    return signed_tokens.unsign(token, key=signing_key(notify), purpose=purpose, now=notify.clock.now(),
                                max_age=max_age)


def send_password_reset(notify: Notify, email_address: str, *, admin_base_url: str | None = None,
                        next_url: str | None = None) -> None:
    """Email `<base>/new-password/<token>` (token: the address and when it was asked for). Unknown address:
    UserNotFound, as Notify answers."""
    with notify.uow() as uow:
        user = uow.users.find_by_email(email_address.strip())
    if user is None:
        raise errors.UserNotFound()
    token = make_token(notify, PASSWORD_RESET, {"email": user.email_address,
                                                "created_at": notify.clock.now().isoformat()})
    url = _link(admin_base_url, f"/new-password/{token}", next_url)
    platform_service.send(notify, platform_service.PASSWORD_RESET, user.email_address,
                          {"user_name": user.name, "url": url})


def send_email_verification(notify: Notify, user_id: UUID, *, admin_base_url: str | None = None) -> None:
    """A new account's confirmation: `<base>/verify-email/<token>` (token: the user id and address)."""
    with notify.uow() as uow:
        user = uow.users.get(user_id)
    token = make_token(notify, EMAIL_VERIFICATION, {"user_id": str(user.id), "email": user.email_address})
    platform_service.send(notify, platform_service.EMAIL_VERIFICATION, user.email_address,
                          {"name": user.name, "url": _link(admin_base_url, f"/verify-email/{token}")})


def send_change_email_verification(notify: Notify, user_id: UUID, email_address: str, *,
                                   admin_base_url: str | None = None) -> None:
    """Sent to the new address: `<base>/user-profile/email/confirm/<token>` (token: user id and new address)."""
    new_address = validate_email_address(email_address)
    with notify.uow() as uow:
        user = uow.users.get(user_id)
    token = make_token(notify, CHANGE_EMAIL, {"user_id": str(user.id), "email": new_address})
    platform_service.send(notify, platform_service.CHANGE_EMAIL, new_address,
                          {"name": user.name, "url": _link(admin_base_url, f"/user-profile/email/confirm/{token}")})


def send_already_registered(notify: Notify, email_address: str, *, admin_base_url: str | None = None) -> None:
    """Someone tried to register an address that has an account: tell its owner where to sign in."""
    address = validate_email_address(email_address)
    platform_service.send(notify, platform_service.ALREADY_REGISTERED, address, {
        "signin_url": _link(admin_base_url, "/sign-in"),
        "forgot_password_url": _link(admin_base_url, "/forgot-password"),
        "feedback_url": _link(admin_base_url, "/support")})


def _link(base: str | None, path: str, next_url: str | None = None) -> str:
    url = f"{(base or DEFAULT_ADMIN_BASE_URL).rstrip('/')}{path}"
    return f"{url}?next={quote(next_url, safe='')}" if next_url else url
