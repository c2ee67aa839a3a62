"""Which of a service's notifications the admin side lists: Notify's admin filters (statuses, channels, one job,
spreadsheet sends in or out, test-key sends in or out, the last N days)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import frozen

from .constants import KeyType, NotificationStatus, NotificationType
from .errors import InvalidRequest
from .notification import Notification
from .recipients import normalise_phone_number

ADMIN_PAGE_SIZE = 50  # Notify's admin pages when the caller names no page_size
MAX_ADMIN_PAGE_SIZE = 1000


@frozen(kw_only=True)
class NotificationFilter:
    statuses: tuple[NotificationStatus, ...] | None = None  # None: any
    notification_types: tuple[NotificationType, ...] | None = None
    job_id: UUID | None = None
    include_jobs: bool = True
    include_test_key: bool = False  # sends made with a test key are hidden unless asked for
    created_since: datetime | None = None
    created_before: datetime | None = None  # a page after the one ending at a notification created then
    recipient_contains: str | None = None  # part of the normalised recipient (search_term makes it)
    # (part of the normalised recipient, part of the reference): either matching will do, as the pages search
    recipient_or_reference: tuple[str, str] | None = None
    reply_to_text: str | None = None  # sent from this sender exactly
    template_id: UUID | None = None
    without_api_key: bool = False  # only those sent from the admin side (an uploaded letter, a one-off send)

    def matches(self, notification: Notification) -> bool:
        n = notification
        return ((self.statuses is None or n.status in self.statuses)
                and (self.notification_types is None or n.notification_type in self.notification_types)
                and (self.job_id is None or n.job_id == self.job_id)
                and (self.include_jobs or self.job_id is not None or n.job_id is None)
                and (self.include_test_key or n.key_type is not KeyType.TEST)
                and (self.created_since is None or n.created_at >= self.created_since)
                and (self.created_before is None or n.created_at < self.created_before)
                and (self.recipient_contains is None or self.recipient_contains in (n.normalised_to or ""))
                and (self.recipient_or_reference is None
                     or self.recipient_or_reference[0] in (n.normalised_to or "")
                     or self.recipient_or_reference[1] in (n.client_reference or ""))
                and (self.reply_to_text is None or n.reply_to_text == self.reply_to_text)
                and (self.template_id is None or n.template_id == self.template_id)
                and (not self.without_api_key or n.api_key_id is None))


def search_term(raw: str) -> str:
    """What to look for in normalised recipients: a phone number in its normalised form (so 07700 900123
    finds 447700900123), anything else lowercased without spaces."""
    try:
        return normalise_phone_number(raw)
    except InvalidRequest:
        return "".join(raw.split()).lower()
