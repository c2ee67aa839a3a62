"""A user's own account: setting a new password, and finding users by part of their email address."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.user import User

from .app import Notify

MIN_SEARCH_LENGTH = 1


def update_password(notify: Notify, user_id: UUID, password: str, *, validated_email_access: bool = False) -> User:
    """Store the new password's hash and when it changed; a reset by email link also proves email access."""
    if not password:
        raise errors.ValidationFailed({"_password": ["Missing data for required field."]})
    now = notify.clock.now()
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        user = user.changed(now=now, password_hash=notify.passwords.hash(password), password_changed_at=now)
        if validated_email_access:
            user = user.changed(now=now, email_access_validated_at=now)
        uow.users.update(user)
        uow.commit()
    return user


def find_users_by_email(notify: Notify, fragment: str) -> Sequence[User]:
    """Users whose address contains `fragment` (any case), by address. The platform's own users are few
    (people who manage services), so this reads them all rather than keep a search index."""
    needle = fragment.strip().lower()
    if len(needle) < MIN_SEARCH_LENGTH:
        raise errors.ValidationFailed({"email": ["Missing data for required field."]})
    with notify.uow() as uow:
        found = [u for u in uow.users.list() if needle in u.email_address.lower()]
    return sorted(found, key=lambda u: u.email_address.lower())
