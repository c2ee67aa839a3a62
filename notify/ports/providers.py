"""Provider ports: SMS, email and letter providers, as Notify's clients are.

`reference` is our notification id. An adapter whose provider treats it as an idempotency key (a second
message with the same reference is answered with the first one's receipt and never delivered again)
says so with a class attribute `idempotent = True`: the pipeline may then simply send again whatever a
dead worker may or may not have handed over. Without it the composition root guards the adapter with a
hand-over ledger (usecases.handover), which never sends twice but cannot know whether the one hand-over
arrived."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from attrs import frozen

from notify.domain.constants import NotificationStatus


@frozen
class ProviderReceipt:
    """What a provider answered when it accepted a message."""

    provider: str
    reference: str


@frozen
class DeliveryReceipt:
    """What a provider reports later about a message it took: the notification and its new status."""

    provider: str
    notification_id: UUID
    status: NotificationStatus


class ProviderError(Exception):
    """The provider failed technically (timeout, 5xx, garbage); another provider may succeed."""


class SmsProvider(Protocol):
    name: str

    def send_sms(self, *, to: str, content: str, reference: UUID, sender: str | None,
                 international: bool = False) -> ProviderReceipt: ...


class EmailProvider(Protocol):
    name: str

    def send_email(self, *, to: str, subject: str, body: str, html: str | None, reference: UUID,
                   from_address: str, reply_to: str | None = None) -> ProviderReceipt: ...


class LetterProvider(Protocol):
    name: str

    def send_letter(self, *, address: list[str], content: str, reference: UUID, postage: str) -> ProviderReceipt: ...


class DeliveryStatusQuery(Protocol):
    """What a provider that can be asked about a message it took answers (an optional ability of the provider
    adapters above): the final status it reached, or None while it is in flight or the provider does not know
    it. Lets a receipt that was lost (the process recording it died) be had again."""

    name: str

    def delivery_status(self, *, notification_id: UUID, reference: str | None) -> NotificationStatus | None: ...
