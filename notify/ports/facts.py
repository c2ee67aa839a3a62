"""Where the daily facts are kept, and the notifications' tallies they are built from."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from notify.domain.facts import BillingFact, DayRange, NotificationTally, ProcessingTimeFact, StatusFact
from notify.domain.statistics import StatusCount, TemplateStatusCount


class FactRepository(Protocol):
    """Billing and status facts by UK day. `service_ids` narrows a read or a replacement to those services
    (None: every service); reads are in `fact_order`."""

    def tally_notifications(self, start: datetime, end: datetime, *,
                            service_ids: Collection[UUID] | None = None) -> Sequence[NotificationTally]:
        """Notifications created in [start, end), those purged to history too, counted by everything a fact
        keeps (one GROUP BY)."""
        ...

    def replace_billing_day(self, day: date, facts: Sequence[BillingFact], *,
                            service_ids: Collection[UUID] | None = None) -> None:
        """The day's billing facts (of those services) become exactly `facts`."""
        ...

    def replace_status_day(self, day: date, facts: Sequence[StatusFact], *,
                           service_ids: Collection[UUID] | None = None) -> None: ...

    def tally_processing_time(self, start: datetime, end: datetime) -> tuple[int, int]:
        """Texts and emails sent with a live or team API key created in [start, end), purged ones too: how many,
        and how many of them were sent within FAST_ENOUGH of being created."""
        ...

    def replace_processing_time_day(self, fact: ProcessingTimeFact) -> None: ...

    def processing_time_between(self, first: date, last: date) -> Sequence[ProcessingTimeFact]:
        """The days' processing-time facts, oldest first."""
        ...

    def last_built_at(self) -> datetime | None:
        """When facts were last built (the newest day's build time), None before any build."""
        ...

    def billing_between(self, first: date, last: date, *,
                        service_ids: Collection[UUID] | None = None) -> Sequence[BillingFact]:
        """Billing facts of the days from `first` to `last`, both included."""
        ...

    def status_between(self, first: date | None, last: date | None, *,
                       service_ids: Collection[UUID] | None = None) -> Sequence[StatusFact]:
        """Status facts of the days from `first` to `last`, both included (None: no bound)."""
        ...

    def status_counts(self, ranges: Sequence[DayRange], *, service_id: UUID) -> Sequence[StatusCount]:
        """The service's status facts summed per range (its label the count's period) by channel and status,
        test keys left out; one statement, nothing but the sums comes back."""
        ...

    def template_status_counts(self, first: date, last: date, *,
                               service_id: UUID) -> Sequence[TemplateStatusCount]:
        """The service's status facts of those days summed by template and status, test keys left out."""
        ...
