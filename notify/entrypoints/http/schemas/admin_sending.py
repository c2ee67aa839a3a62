"""One message a team member sends from a template on the admin side."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from attrs import define

from .fields import optional, required


@define(kw_only=True)
class SendOneOff:
    template_id: UUID = required()
    to: str = required(max_length=1000, not_blank=True)  # a phone number, an email address or a letter's address
    personalisation: dict[str, Any] | None = optional()
    created_by: UUID = required()  # the team member sending
    sender_id: UUID | None = optional()  # the text message sender or email reply-to address (else the default)
