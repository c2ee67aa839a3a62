"""Platform users: the people who manage services through the admin app."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import AuthType, UserState

MAX_FAILED_LOGIN_COUNT = 10  # Notify locks a user out of 2FA codes at this count


@frozen(kw_only=True)
class User:
    id: UUID
    name: str
    email_address: str
    password_hash: str
    created_at: datetime
    mobile_number: str | None = None
    auth_type: AuthType = AuthType.SMS
    platform_admin: bool = False
    state: UserState = UserState.ACTIVE
    failed_login_count: int = 0
    updated_at: datetime | None = None
    logged_in_at: datetime | None = None
    password_changed_at: datetime | None = None
    email_access_validated_at: datetime | None = None
    current_session_id: UUID | None = None
    take_part_in_research: bool = True
    receives_new_features_email: bool = True

    @property
    def locked(self) -> bool:
        return self.failed_login_count >= MAX_FAILED_LOGIN_COUNT

    def changed(self, *, now: datetime, **changes: object) -> User:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]

    def failed_login(self, *, now: datetime) -> User:
        return self.changed(now=now, failed_login_count=self.failed_login_count + 1)

    def logged_in(self, *, now: datetime) -> User:
        return self.changed(now=now, failed_login_count=0, logged_in_at=now)
