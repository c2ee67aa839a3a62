"""What the status codes in Notify's SMS providers' delivery receipts mean (MMG and Firetext), and Firetext's
rule for telling a temporary failure from a permanent one."""

from __future__ import annotations

from .constants import NotificationStatus

S = NotificationStatus

MMG_STATUSES = {"2": S.PERMANENT_FAILURE, "3": S.DELIVERED, "4": S.TEMPORARY_FAILURE, "5": S.PERMANENT_FAILURE}

FIRETEXT_STATUSES = {"0": S.DELIVERED, "1": S.PERMANENT_FAILURE, "2": S.PENDING}
# Firetext's detailed codes on a failure: whether the failure is for good, and why.
FIRETEXT_CODES: dict[str, tuple[NotificationStatus, str]] = {
    "000": (S.TEMPORARY_FAILURE, "No error reported"),
    "101": (S.PERMANENT_FAILURE, "Unknown Subscriber"),
    "102": (S.TEMPORARY_FAILURE, "Absent Subscriber"),
    "103": (S.TEMPORARY_FAILURE, "Subscriber Busy"),
    "104": (S.TEMPORARY_FAILURE, "No Subscriber Memory"),
    "201": (S.PERMANENT_FAILURE, "Invalid Number"),
    "301": (S.PERMANENT_FAILURE, "SMS Not Supported"),
    "302": (S.TEMPORARY_FAILURE, "SMS Not Supported"),
    "401": (S.PERMANENT_FAILURE, "Message Rejected"),
    "900": (S.TEMPORARY_FAILURE, "Routing Error"),
}


def mmg_status(status: str) -> NotificationStatus:
    """A status MMG does not document is a technical failure (Notify's rule)."""
    return MMG_STATUSES.get(status, S.TECHNICAL_FAILURE)


def firetext_status(status: str, code: str | None, current: NotificationStatus) -> NotificationStatus:
    """Firetext says only "declined": a known detailed code says whether for good; without one, a message that
    was pending failed for now, and one that was not failed for good."""
    reported = FIRETEXT_STATUSES.get(status, S.TECHNICAL_FAILURE)
    if reported is not S.PERMANENT_FAILURE:
        return reported
    if code not in (None, "", "000") and code in FIRETEXT_CODES:
        return FIRETEXT_CODES[code][0]
    return S.TEMPORARY_FAILURE if current is S.PENDING else S.PERMANENT_FAILURE


def firetext_reason(code: str | None) -> str | None:
    return FIRETEXT_CODES[code][1] if code in FIRETEXT_CODES else None
