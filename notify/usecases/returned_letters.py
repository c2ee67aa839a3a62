"""Letters the printer reports returned to sender: recorded by their references (each letter once, marked
`returned-letter`), and a service's view of them (how many lately, per day, and each one with who sent it)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.callback_api import CALLBACK_DATETIME
from notify.domain.constants import CallbackType, NotificationType
from notify.domain.letter import LONDON
from notify.domain.notification import Notification
from notify.domain.returned_letter import ReturnedLetter
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .callback_apis import find_cached
from .service_callbacks import post_to_service

log = logging.getLogger("notify.returned_letters")

RECENT_DAYS = 7  # what the service's dashboard counts


def record_returned_letters(notify: Notify, references: Sequence[str]) -> int:
    """Mark the letters with these references returned; a reference we do not know is logged. Reporting a letter
    again changes nothing. Returns how many letters were newly recorded."""
    now = notify.clock.now()
    with notify.uow() as uow:
        letters = [n for n in uow.notifications.find_by_references(set(references))
                   if n.notification_type is NotificationType.LETTER]
        for unknown in sorted(set(references) - {n.reference for n in letters}):
            log.warning("returned letter reference %s matches no letter", unknown)
        uow.notifications.mark_returned([n.id for n in letters], now=now)
        reported = [ReturnedLetter(id=notify.ids.new(), service_id=n.service_id, notification_id=n.id,
                                   reported_at=now.date(), created_at=now) for n in letters]
        added = uow.returned_letters.add_new(reported)
        listening = {s for s in {n.service_id for n in letters}
                     if find_cached(notify, s, CallbackType.RETURNED_LETTER) is not None}
        views = [_view(uow, r, letter) for r, letter in zip(reported, letters) if letter.service_id in listening]
        uow.commit()
    for view in views:  # as Notify: each reported letter, whether or not reported before
        post_to_service(notify, view.letter.service_id, CallbackType.RETURNED_LETTER, view.callback_payload(),
                        what=f"returned letter {view.letter.id}")
    return added


@frozen
class ReturnedLetterStatistics:
    returned_letter_count: int
    most_recent_report: date | None


def returned_letter_statistics(notify: Notify, service_id: UUID) -> ReturnedLetterStatistics:
    """How many letters were reported in the last week, and the day of the latest report (whenever it was)."""
    since = notify.clock.now().astimezone(LONDON).date() - timedelta(days=RECENT_DAYS)
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        returned = uow.returned_letters.list_for_service(service_id)
    return ReturnedLetterStatistics(sum(1 for r in returned if r.reported_at >= since),
                                    returned[0].reported_at if returned else None)


def returned_letter_summary(notify: Notify, service_id: UUID) -> list[tuple[date, int]]:
    """(day reported, how many), latest day first."""
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        counts = Counter(r.reported_at for r in uow.returned_letters.list_for_service(service_id))
    return sorted(counts.items(), reverse=True)


@frozen(kw_only=True)
class ReturnedLetterView:
    """A returned letter as the service sees it: what was sent, when, from which template, by whom."""

    returned: ReturnedLetter
    letter: Notification
    template_name: str | None  # None for precompiled (uploaded) letters
    template_hidden: bool
    sent_by: tuple[str, str] | None  # the team member's name and email address; None: sent through the API
    original_file_name: str | None  # the spreadsheet it came from

    @property
    def from_api(self) -> bool:
        return self.letter.api_key_id is not None

    @property
    def reference(self) -> str | None:
        """The sender's own reference: only letters sent through the API have one."""
        return self.letter.client_reference if self.from_api else None

    @property
    def template(self) -> tuple[str | None, UUID | None, int | None]:
        """Name, id and version; none of them for uploaded (precompiled) letters."""
        if self.template_hidden:
            return None, None, None
        return self.template_name, self.letter.template_id, self.letter.template_version

    @property
    def spreadsheet_row(self) -> int | None:
        """The row as the team sees the spreadsheet: its first recipient is on row 2."""
        return None if self.letter.job_row_number is None else self.letter.job_row_number + 2

    @property
    def uploaded_file_name(self) -> str | None:
        """A letter uploaded through the admin app: the file's name."""
        return self.letter.client_reference if self.template_hidden and not self.from_api else None

    def callback_payload(self) -> dict[str, Any]:
        """What the service's returned-letter callback is posted (Notify's: the report's row)."""
        name, template_id, version = self.template
        return {"notification_id": str(self.letter.id), "reference": self.reference,
                "created_at": self.letter.created_at.astimezone(timezone.utc).strftime(CALLBACK_DATETIME),
                "email_address": self.sent_by[1] if self.sent_by else "API", "template_name": name,
                "template_id": str(template_id) if template_id else None, "template_version": version,
                "original_file_name": self.original_file_name, "job_row_number": self.spreadsheet_row,
                "upload_letter_file_name": self.uploaded_file_name}


@frozen
class ReturnedLetters:
    letters: Sequence[ReturnedLetterView]  # newest letter first
    orphaned_count: int  # reported letters no longer stored (past the service's retention)


def returned_letters(notify: Notify, service_id: UUID, reported_at: date) -> ReturnedLetters:
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        views, orphaned = [], 0
        for returned in uow.returned_letters.list_for_service(service_id, reported_at=reported_at):
            letter = uow.notifications.find(returned.notification_id)
            if letter is None:
                orphaned += 1
                continue
            views.append(_view(uow, returned, letter))
    return ReturnedLetters(sorted(views, key=lambda v: v.letter.created_at, reverse=True), orphaned)


def _view(uow: UnitOfWork, returned: ReturnedLetter, letter: Notification) -> ReturnedLetterView:
    try:
        template = uow.templates.get(letter.service_id, letter.template_id)
        name, hidden = template.name, template.hidden
    except errors.TemplateNotFound:
        name, hidden = None, True
    sent_by = None
    if letter.created_by_id is not None:
        user = uow.users.get(letter.created_by_id)
        sent_by = (user.name, user.email_address)
    job = uow.jobs.find(letter.job_id) if letter.job_id is not None else None
    return ReturnedLetterView(returned=returned, letter=letter, template_name=name, template_hidden=hidden,
                              sent_by=sent_by, original_file_name=job.original_file_name if job else None)


def parse_report_day(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise errors.ValidationFailed({"reported_at": [f"{value} is not a date (YYYY-MM-DD)"]}) from None
