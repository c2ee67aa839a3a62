"""Returned letters: the printer's report, and a service's counts and list (Notify's text dates and times)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from attrs import define

from notify.usecases.returned_letters import ReturnedLetterStatistics, ReturnedLetterView

from .fields import QUERY_MAX_LENGTH, required

DAY_AND_TIME = "%Y-%m-%d %H:%M:%S.%f"  # Notify's DATETIME_FORMAT_NO_TIMEZONE


@define(kw_only=True)
class ReturnedReferences:
    references: list[str] = required()  # the letters' references, as the printer knows them


@define(kw_only=True)
class ReturnedLettersQuery:
    reported_at: str = required(max_length=QUERY_MAX_LENGTH)  # YYYY-MM-DD


@define(kw_only=True)
class ReturnedLetterStatisticsOut:
    returned_letter_count: int
    most_recent_report: str | None  # the day of the latest report, as a time at midnight

    @classmethod
    def of(cls, s: ReturnedLetterStatistics) -> ReturnedLetterStatisticsOut:
        latest = s.most_recent_report
        return cls(returned_letter_count=s.returned_letter_count,
                   most_recent_report=f"{latest:%Y-%m-%d} 00:00:00.000000" if latest else None)


@define(kw_only=True)
class ReturnedLetterDay:
    returned_letter_count: int
    reported_at: str

    @classmethod
    def of(cls, day: date, count: int) -> ReturnedLetterDay:
        return cls(returned_letter_count=count, reported_at=day.isoformat())


@define(kw_only=True)
class ReturnedLetterOut:
    notification_id: UUID
    client_reference: str | None  # only letters sent through the API have one
    reported_at: str
    created_at: str
    template_name: str | None  # none of these for uploaded letters
    template_id: UUID | None
    template_version: int | None
    user_name: str  # "API" for letters sent through the API
    email_address: str
    original_file_name: str | None
    job_row_number: int | None  # the spreadsheet's row: its first recipient is on row 2
    uploaded_letter_file_name: str | None

    @classmethod
    def of(cls, v: ReturnedLetterView) -> ReturnedLetterOut:
        name, template_id, version = v.template
        return cls(notification_id=v.letter.id, client_reference=v.reference,
                   reported_at=v.returned.reported_at.isoformat(),
                   created_at=v.letter.created_at.strftime(DAY_AND_TIME), template_name=name,
                   template_id=template_id, template_version=version,
                   user_name=v.sent_by[0] if v.sent_by else "API", email_address=v.sent_by[1] if v.sent_by else "API",
                   original_file_name=v.original_file_name, job_row_number=v.spreadsheet_row,
                   uploaded_letter_file_name=v.uploaded_file_name)


@define(kw_only=True)
class ReturnedLettersOut:
    returned_letters: list[ReturnedLetterOut]
    orphaned_count: int
