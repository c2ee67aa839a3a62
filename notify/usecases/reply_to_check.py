"""Before a service adds a reply-to address, the platform's own service emails it, so the team can see that
replies will reach it."""

from __future__ import annotations

from uuid import UUID

from . import platform_service
from .app import Notify
from .senders import new_reply_to_address


def send_reply_to_check(notify: Notify, service_id: UUID, email_address: str) -> UUID:
    """The check email's notification id (the admin app follows its delivery)."""
    address = new_reply_to_address(notify, service_id, email_address)
    return platform_service.send(notify, platform_service.REPLY_TO_VERIFICATION, address, {}).notification.id
