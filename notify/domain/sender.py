"""Who a service's messages come from: its text message senders and its email reply-to addresses.

Each kind keeps exactly one default among the live (unarchived) ones; making one the default unsets the
others. A service with no text message sender at all sends as GOVUK, Notify's platform sender."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from attrs import evolve, frozen

from .errors import InvalidRequest
from .letter_contact import ServiceLetterContact
from .recipients import PhoneNumber, UK_PREFIX, strip_whitespace

DEFAULT_SMS_SENDER = "GOVUK"  # Notify's FROM_NUMBER


@frozen(kw_only=True)
class ServiceSmsSender:
    """Notify's ServiceSmsSender: text (alphanumeric, e.g. GOVUK) or a number the service may be texted back on."""

    id: UUID
    service_id: UUID
    sms_sender: str
    is_default: bool
    created_at: datetime
    inbound_number_id: UUID | None = None
    archived: bool = False
    updated_at: datetime | None = None

    def changed(self, *, now: datetime, **changes: object) -> ServiceSmsSender:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]

    @property
    def from_number(self) -> str:
        return sender_number(self.sms_sender)


@frozen(kw_only=True)
class ServiceEmailReplyTo:
    """Notify's ServiceEmailReplyTo: where replies to the service's emails go."""

    id: UUID
    service_id: UUID
    email_address: str
    is_default: bool
    created_at: datetime
    archived: bool = False
    updated_at: datetime | None = None

    def changed(self, *, now: datetime, **changes: object) -> ServiceEmailReplyTo:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]


Sender = TypeVar("Sender", ServiceSmsSender, ServiceEmailReplyTo, ServiceLetterContact)


def default_of(senders: Iterable[Sender]) -> Sender | None:
    for sender in senders:  # a loop, not next() over a generator: this runs on every send
        if sender.is_default and not sender.archived:
            return sender
    return None


def demoted(senders: Iterable[Sender], *, keep: UUID | None, now: datetime) -> list[Sender]:
    """Every live default but `keep`, no longer default: what to write so only `keep` stays the default."""
    return [s.changed(now=now, is_default=False) for s in senders if s.is_default and not s.archived and s.id != keep]


@functools.lru_cache(maxsize=1024)  # every send asks; a service has few senders and the answer never changes
def sender_number(text: str) -> str:
    """A sender as providers and the API show it: a phone number in its 447… form, any other text unchanged
    (Notify's try_validate_and_format_phone_number)."""
    try:
        return PhoneNumber.parse(text).normalised
    except InvalidRequest:
        return text


def number_spellings(number: str) -> frozenset[str]:
    """The ways a stored sender may spell the phone number a provider reports: as given, 447…, +447… and 07…
    (Notify keeps inbound numbers in the 07… form and strips the provider's leading 44 before looking up).
    None for anything but a phone number: no one can text GOVUK back."""
    raw = strip_whitespace(number)
    try:
        normalised = PhoneNumber.parse(raw).normalised
    except InvalidRequest:
        return frozenset()
    spellings = {raw, normalised, "+" + normalised}
    if normalised.startswith(UK_PREFIX):
        spellings.add("0" + normalised[len(UK_PREFIX):])
    return frozenset(spellings)


def protected_form(sender_id: str) -> str:
    """How a sender id is compared with the protected ones: no spaces, lower case."""
    return "".join(sender_id.split()).lower()
