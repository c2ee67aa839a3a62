"""Account requests: a new password, a search by email, and the account emails with signed links."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from notify.domain.user import User

from .fields import optional, required


@define(kw_only=True)
class NewPassword:
    _password: str = required(max_length=255, not_blank=True)
    validated_email_access: bool = optional(False)


@define(kw_only=True)
class EmailSearch:
    email: str = required(max_length=255, not_blank=True)


@define(kw_only=True)
class UserListed:
    """A user in search results."""

    id: UUID
    name: str
    email_address: str
    mobile_number: str | None

    @classmethod
    def of(cls, user: User) -> UserListed:
        return cls(id=user.id, name=user.name, email_address=user.email_address, mobile_number=user.mobile_number)


@define(kw_only=True)
class PasswordResetRequest:
    email: str = required(max_length=255, not_blank=True)
    admin_base_url: str | None = optional(max_length=255)
    next: str | None = optional(max_length=2000)


@define(kw_only=True)
class LinkBase:
    admin_base_url: str | None = optional(max_length=255)


@define(kw_only=True)
class EmailWithLinkBase:
    email: str = required(max_length=255, not_blank=True)
    admin_base_url: str | None = optional(max_length=255)
