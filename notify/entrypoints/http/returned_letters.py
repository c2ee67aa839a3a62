"""Admin API: the printer's returned letters (POST /letters/returned) and a service's view of its own
(/service/{id}/returned-letter-statistics, -summary, /returned-letters)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.domain.errors import ValidationFailed
from notify.usecases import returned_letters as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.returned_letters import (
    ReturnedLetterDay, ReturnedLetterOut, ReturnedLettersOut, ReturnedLettersQuery, ReturnedLetterStatisticsOut,
    ReturnedReferences,
)

MAX_REFERENCE_LENGTH = 255


class ReturnedLetterResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /letters/returned
    @operation(body=ReturnedReferences, response=ReturnedReferences)
    def on_post(self, req: falcon.Request, body: ReturnedReferences) -> ReturnedReferences:
        """The printer's list of returned letters, by reference: each letter recorded once."""
        if not body.references:
            raise ValidationFailed({"references": ["[] is too short"]})
        if any(not r.strip() or len(r) > MAX_REFERENCE_LENGTH for r in body.references):
            raise ValidationFailed({"references": [f"each must be 1 to {MAX_REFERENCE_LENGTH} characters"]})
        usecases.record_returned_letters(self._notify, body.references)
        return ReturnedReferences(references=body.references)

    # /service/{service_id}/returned-letter-statistics
    @operation(response=ReturnedLetterStatisticsOut)
    def on_get_statistics(self, req: falcon.Request, service_id: UUID) -> ReturnedLetterStatisticsOut:
        """How many letters were reported returned in the last 7 days, and when the latest report was."""
        return ReturnedLetterStatisticsOut.of(usecases.returned_letter_statistics(self._notify, service_id))

    # /service/{service_id}/returned-letter-summary
    @operation(response=list[ReturnedLetterDay])
    def on_get_summary(self, req: falcon.Request, service_id: UUID) -> list[ReturnedLetterDay]:
        """How many letters each report named, latest first."""
        return [ReturnedLetterDay.of(day, count)
                for day, count in usecases.returned_letter_summary(self._notify, service_id)]

    # /service/{service_id}/returned-letters
    @operation(query=ReturnedLettersQuery, response=ReturnedLettersOut)
    def on_get_letters(self, req: falcon.Request, service_id: UUID, query: ReturnedLettersQuery) -> ReturnedLettersOut:
        """The letters one day's report named, newest first, and how many of them are no longer stored."""
        found = usecases.returned_letters(self._notify, service_id, usecases.parse_report_day(query.reported_at))
        return ReturnedLettersOut(returned_letters=[ReturnedLetterOut.of(v) for v in found.letters],
                                  orphaned_count=found.orphaned_count)
