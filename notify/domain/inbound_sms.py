"""A text message someone sent to one of a service's numbers (Notify's InboundSms)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from attrs import frozen

from .callback_api import CALLBACK_DATETIME


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

    def callback_payload(self) -> dict[str, Any]:
        """What the service's inbound text callback is posted (Notify's send-inbound-sms)."""
        received = (self.provider_date or self.created_at).astimezone(timezone.utc)
        return {"id": str(self.id), "source_number": self.user_number, "destination_number": self.notify_number,
                "message": self.content, "date_received": received.strftime(CALLBACK_DATETIME)}
