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
    reason: str | None = None  # the provider's own words (an error code and its meaning), for the logs


class ProviderError(Exception):
    """The provider failed technically (timeout, 5xx, garbage); another provider may succeed."""


class DeliveryRefused(Exception):  # noqa: N818
    """The provider answered definitely that this message cannot reach this recipient (an SMTP 5xx or 4xx to
    the recipient, an invalid number): no other provider will do better. `status` is the notification's final
    status (permanent-failure or temporary-failure); `reason` is the provider's words, for the logs."""

    def __init__(self, provider: str, status: NotificationStatus, reason: str) -> None:
        super().__init__(f"{provider} refused the message ({status.value}): {reason}")
        self.provider = provider
        self.status = status
        self.reason = reason


class DeliveryUncertain(Exception):  # noqa: N818
    """The call broke after the message may have been accepted (the connection dropped or timed out once the
    whole message was written): handing it to another provider could deliver it twice."""


class SmsProvider(Protocol):
    name: str

    def send_sms(self, *, to: str, content: str, reference: UUID, sender: str | None,
                 international: bool = False) -> ProviderReceipt: ...


class EmailProvider(Protocol):
    name: str

    def send_email(self, *, to: str, subject: str, body: str, html: str | None, reference: UUID,
                   from_address: str, reply_to: str | None = None,
                   unsubscribe_url: str | None = None) -> ProviderReceipt: ...


class LetterProvider(Protocol):
    name: str

    def send_letter(self, *, address: list[str], content: str, reference: UUID, postage: str) -> ProviderReceipt: ...


class DeliveryStatusQuery(Protocol):
    """What a provider that can be asked about a message it took answers (an optional ability of the provider
    adapters above): the final status it reached, or None while it is in flight or the provider does not know
    it. Lets a receipt that was lost (the process recording it died) be had again."""

    name: str

    def delivery_status(self, *, notification_id: UUID, reference: str | None) -> NotificationStatus | None: ...
