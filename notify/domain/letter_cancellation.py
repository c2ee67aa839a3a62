"""Cancelling a letter from the admin side: only a letter, only before it has been handed on for printing
(still `created` or waiting for its virus check) and only until the print cut-off of its print day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from attrs import evolve

from .constants import JobStatus, NotificationStatus, NotificationType, TemplateType
from .errors import InvalidRequest
from .job import Job
from .letter import LONDON, PRINT_CUT_OFF, print_day
from .notification import Notification

CANCELLABLE = frozenset({NotificationStatus.CREATED, NotificationStatus.PENDING_VIRUS_CHECK})
# A spreadsheet of letters is cancelled whole: only while none of them has gone on to be printed.
CANCELLABLE_IN_A_JOB = CANCELLABLE | {NotificationStatus.CANCELLED, NotificationStatus.VIRUS_SCAN_FAILED,
                                      NotificationStatus.VALIDATION_FAILED, NotificationStatus.TECHNICAL_FAILURE}
ALL_LETTERS_CREATED = frozenset({JobStatus.FINISHED, JobStatus.FINISHED_ALL_NOTIFICATIONS_CREATED})


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


def letter_job_refusal(job: Job, template_type: TemplateType, statuses: Iterable[NotificationStatus], *,
                       now: datetime) -> str | None:
    """Why a job's letters cannot all be cancelled now (Notify's words), or None when they can."""
    if template_type is not TemplateType.LETTER:
        return "Only letter jobs can be cancelled through this endpoint. This is not a letter job."
    if job.job_status not in ALL_LETTERS_CREATED:
        return "We are still processing these letters, please try again in 5 minutes."
    if now >= printing_starts(job.created_at) or any(s not in CANCELLABLE_IN_A_JOB for s in statuses):
        return "It’s too late to cancel sending, these letters have already been sent."
    return None
