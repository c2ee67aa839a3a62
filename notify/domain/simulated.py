"""Notify's simulated recipients and test-key outcomes.

- Simulated recipients: the API answers 201 with an id, but nothing is stored, queued or counted.
- Outcomes: what a test key (and our fake providers, by default) reports for a recipient: numbers ending
  7700900003 fail temporarily, 7700900002 permanently; temp-fail@ / perm-fail@simulator.notify the same;
  everything else is delivered."""

from __future__ import annotations

from .constants import NotificationStatus, NotificationType

SIMULATED_SMS_NUMBERS = frozenset({"447700900000", "447700900111", "447700900222"})  # normalised
SIMULATED_EMAIL_ADDRESSES = frozenset({
    "simulate-delivered@notifications.service.gov.uk",
    "simulate-delivered-2@notifications.service.gov.uk",
    "simulate-delivered-3@notifications.service.gov.uk",
})
TEMPORARY_FAILURE_NUMBER_SUFFIX = "7700900003"
PERMANENT_FAILURE_NUMBER_SUFFIX = "7700900002"
TEMPORARY_FAILURE_EMAIL = "temp-fail@simulator.notify"
PERMANENT_FAILURE_EMAIL = "perm-fail@simulator.notify"


def is_simulated_recipient(notification_type: NotificationType, normalised_to: str) -> bool:
    if notification_type is NotificationType.SMS:
        return normalised_to in SIMULATED_SMS_NUMBERS
    if notification_type is NotificationType.EMAIL:
        return normalised_to.lower() in SIMULATED_EMAIL_ADDRESSES
    return False


def simulated_outcome(notification_type: NotificationType, normalised_to: str | None) -> NotificationStatus:
    """The final status a simulated delivery to `normalised_to` ends in."""
    to = (normalised_to or "").lower()
    if notification_type is NotificationType.SMS:
        if to.endswith(TEMPORARY_FAILURE_NUMBER_SUFFIX):
            return NotificationStatus.TEMPORARY_FAILURE
        if to.endswith(PERMANENT_FAILURE_NUMBER_SUFFIX):
            return NotificationStatus.PERMANENT_FAILURE
    elif notification_type is NotificationType.EMAIL:
        if to == TEMPORARY_FAILURE_EMAIL:
            return NotificationStatus.TEMPORARY_FAILURE
        if to == PERMANENT_FAILURE_EMAIL:
            return NotificationStatus.PERMANENT_FAILURE
    return NotificationStatus.DELIVERED
