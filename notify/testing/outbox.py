"""What the fake providers were handed, for a test to assert on."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from notify.adapters.providers.fake import SentMessage
from notify.embedded import FakeProviders


class Outbox:
    """A live view of every message handed to the fake providers: `to` (the normalised recipient: an SMS
    to 07700900123 shows 447700900123), the rendered `content`, the provider's `reference`, the
    `notification_id`, and `details` (subject, sender, postage...)."""

    def __init__(self, fakes: FakeProviders) -> None:
        self._fakes = fakes

    @property
    def sms(self) -> list[SentMessage]:
        return list(self._fakes.sms.sent)

    @property
    def email(self) -> list[SentMessage]:
        return list(self._fakes.email.sent)

    @property
    def letters(self) -> list[SentMessage]:
        return list(self._fakes.letter.sent)

    def __iter__(self) -> Iterator[SentMessage]:
        return iter(self._fakes.outbox)

    def __len__(self) -> int:
        return sum(len(provider.sent) for provider in self._fakes.all)

    def __getitem__(self, index: int) -> SentMessage:
        return self._fakes.outbox[index]

    def for_notification(self, notification_id: UUID) -> SentMessage:
        """The message handed over for this notification; LookupError when none was."""
        for message in self:
            if message.notification_id == notification_id:
                return message
        raise LookupError(f"no provider was handed notification {notification_id}")

    def clear(self) -> None:
        self._fakes.clear()
