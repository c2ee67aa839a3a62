"""Provider ports: SMS, email and letter providers, as Notify's clients are."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from attrs import frozen


@frozen
class ProviderReceipt:
    """What a provider answered when it accepted a message."""

    provider: str
    reference: str


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
