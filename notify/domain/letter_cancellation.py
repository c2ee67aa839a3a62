"""Cancelling a letter from the admin side: only a letter, only before it has been handed on for printing
(still `created` or waiting for its virus check) and only until the print cut-off of its print day."""

from __future__ import annotations

from datetime import datetime

from attrs import evolve

from .constants import NotificationStatus, NotificationType
from .errors import InvalidRequest
from .letter import LONDON, PRINT_CUT_OFF, print_day
from .notification import Notification

CANCELLABLE = frozenset({NotificationStatus.CREATED, NotificationStatus.PENDING_VIRUS_CHECK})


def printing_starts(created_at: datetime) -> datetime:
    return datetime.combine(print_day(created_at), PRINT_CUT_OFF, tzinfo=LONDON)


def cancelled_letter(notification: Notification, *, now: datetime) -> Notification:
    """The letter, cancelled; InvalidRequest with Notify's words when it cannot be."""
    if notification.notification_type is not NotificationType.LETTER:
        raise InvalidRequest("Notification cannot be cancelled - only letters can be cancelled")
    starts = printing_starts(notification.created_at)
    if now >= starts:
        day = starts.date()
        when = "today" if day >= now.astimezone(LONDON).date() else f"on {day.day} {day.strftime('%B')}"
        raise InvalidRequest(f"It’s too late to cancel this letter. Printing started {when} at 5.30pm")
    if notification.status is NotificationStatus.CANCELLED:
        raise InvalidRequest("This letter has already been cancelled.")
    if notification.status not in CANCELLABLE:
        raise InvalidRequest(f"We could not cancel this letter. Letter status: {notification.status.value}, "
                             f"created_at: {notification.created_at}")
    return evolve(notification, status=NotificationStatus.CANCELLED, updated_at=now)
