"""Where the letters reported returned are kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol
from uuid import UUID

from notify.domain.returned_letter import ReturnedLetter


class ReturnedLetterRepository(Protocol):
    """One row per letter, whatever how often it is reported."""

    def add_new(self, letters: Sequence[ReturnedLetter]) -> int:
        """Store those whose letter was not reported before (the others are left as they are): how many."""
        ...
    def list_for_service(self, service_id: UUID, *,
                         reported_at: date | None = None) -> Sequence[ReturnedLetter]: ...  # latest report first
