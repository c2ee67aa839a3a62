"""A text message someone sent to one of a service's numbers (Notify's InboundSms)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import frozen


@frozen(kw_only=True)
class InboundSms:
    id: UUID
    service_id: UUID
    notify_number: str  # the service's number it was sent to, as the service's sender spells it
    user_number: str  # who sent it, normalised (447…) when it is a phone number
    content: str  # plaintext in the domain; adapters store it encrypted
    provider: str
    created_at: datetime
    provider_date: datetime | None = None
    provider_reference: str | None = None
