"""Sign-in codes: asking for one (by text message or email) and checking one."""

from __future__ import annotations

from attrs import define

from notify.domain.verify_code import CodeType

from .fields import optional, required


@define(kw_only=True)
class SendCode:
    to: str | None = optional(max_length=255)  # else the user's own mobile number / email address
    email_auth_link_host: str | None = optional(max_length=255)  # email only: where the sign-in link points
    next: str | None = optional(max_length=2000)  # email only: where the link takes the user after signing in


@define(kw_only=True)
class VerifyCodeIn:
    code: str = required(max_length=255, not_blank=True)
    code_type: CodeType = required()
