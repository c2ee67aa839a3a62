"""How a notification reads in the admin's CSV download: the status in words per channel, London time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from .constants import NotificationStatus as S, NotificationType as T

LONDON = ZoneInfo("Europe/London")

_COMMON = {S.FAILED: "Failed", S.TECHNICAL_FAILURE: "Technical failure", S.DELIVERED: "Delivered",
           S.SENDING: "Sending", S.CREATED: "Sending"}
STATUS_WORDS: dict[T, dict[S, str]] = {
    T.EMAIL: {**_COMMON, S.TEMPORARY_FAILURE: "Inbox not accepting messages right now",
              S.PERMANENT_FAILURE: "Email address doesn’t exist", S.SENT: "Delivered"},
    T.SMS: {**_COMMON, S.TEMPORARY_FAILURE: "Phone not accepting messages right now",
            S.PERMANENT_FAILURE: "Phone number doesn’t exist", S.SENT: "Sent internationally"},
    T.LETTER: {S.TECHNICAL_FAILURE: "Technical failure", S.PERMANENT_FAILURE: "Permanent failure",
               S.SENDING: "Accepted", S.CREATED: "Accepted", S.DELIVERED: "Received",
               S.RETURNED_LETTER: "Returned"},
}


def status_in_words(notification_type: T, status: S) -> str:
    return STATUS_WORDS[notification_type].get(status, status.value)


def london_time(at: datetime) -> str:
    return at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M:%S")
