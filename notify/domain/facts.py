"""Daily facts: what each service sent on each UK day, folded from its notifications once the day is over, so
that usage, billing and platform statistics read a small table rather than every notification.

Two kinds, as Notify keeps them: billing facts (billable units and notifications sent, by template, channel,
provider, rate multiplier, international, rate and postage) and status facts (notifications by template, job,
channel, key type and status). A day's facts are always rebuilt whole from its notifications, so building a
day again gives the same rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from uuid import UUID

from attrs import astuple, evolve, frozen

from .constants import KeyType, NotificationStatus, NotificationType
from .letter import letter_rate, sms_rate
from .statistics import LONDON, london_midnight

NO_JOB = UUID(int=0)  # a status fact's job for notifications sent one at a time (the column is in the key)
NO_POSTAGE = "none"  # a billing fact's postage for texts and emails
UNKNOWN_PROVIDER = "unknown"
BILLED_KEY_TYPES = frozenset({KeyType.NORMAL, KeyType.TEAM})  # test keys never cost anything
# The statuses a notification is paid for in, by channel (Notify's lists): a text once a provider took it,
# an email once handed over, a letter once sent to print.
BILLABLE_STATUSES = {
    NotificationType.SMS: frozenset({
        NotificationStatus.SENDING, NotificationStatus.SENT, NotificationStatus.DELIVERED, NotificationStatus.PENDING,
        NotificationStatus.TEMPORARY_FAILURE, NotificationStatus.PERMANENT_FAILURE}),
    NotificationType.EMAIL: frozenset({
        NotificationStatus.SENDING, NotificationStatus.DELIVERED, NotificationStatus.TEMPORARY_FAILURE,
        NotificationStatus.PERMANENT_FAILURE}),
    NotificationType.LETTER: frozenset({
        NotificationStatus.SENDING, NotificationStatus.DELIVERED, NotificationStatus.RETURNED_LETTER}),
}


@frozen
class NotificationTally:
    """How many of a day's notifications share everything the facts keep (what a store counts by)."""

    service_id: UUID
    template_id: UUID
    job_id: UUID | None
    notification_type: NotificationType
    key_type: KeyType
    status: NotificationStatus
    sent_by: str | None
    rate_multiplier: float | None
    international: bool
    postage: str | None
    billable_units: int  # each notification's: fragments of a text, sheets of a letter
    count: int


@frozen
class BillingFact:
    bst_date: date
    template_id: UUID
    service_id: UUID
    notification_type: NotificationType
    provider: str
    rate_multiplier: int
    international: bool
    rate: float
    postage: str
    billable_units: int
    notifications_sent: int

    @property
    def chargeable_units(self) -> int:
        """What the free allowance and the price count: text fragments times the multiplier, one per letter."""
        if self.notification_type is NotificationType.SMS:
            return self.billable_units * self.rate_multiplier
        if self.notification_type is NotificationType.LETTER:
            return self.notifications_sent
        return self.billable_units


@frozen
class StatusFact:
    bst_date: date
    template_id: UUID
    service_id: UUID
    job_id: UUID
    notification_type: NotificationType
    key_type: KeyType
    notification_status: NotificationStatus
    notification_count: int


@frozen
class ProcessingTimeFact:
    """A UK day's messages sent through the API (texts and emails, test keys left out): how many, and how many
    were sent (handed to the provider) within `FAST_ENOUGH` of being created. Platform-wide, one a day."""

    bst_date: date
    messages_total: int
    messages_within_10_secs: int
    updated_at: datetime  # when the day was last built

    @property
    def percentage_under_10_seconds(self) -> float:
        """Notify's measure: a day without messages counts as wholly on time."""
        if not self.messages_total:
            return 100.0
        return self.messages_within_10_secs / self.messages_total * 100


FAST_ENOUGH = timedelta(seconds=10)
PROCESSING_TIME_TYPES = (NotificationType.SMS, NotificationType.EMAIL)


@frozen
class DayRange:
    """A labelled run of UK days, `first` to `last` both included."""

    label: str
    first: date
    last: date


def utc_bounds(day: date) -> tuple[datetime, datetime]:
    """The UK day as a half-open interval in UTC."""
    return london_midnight(day), london_midnight(day + timedelta(days=1))


def uk_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _rate(tally: NotificationTally, day: date) -> float:
    if tally.notification_type is NotificationType.SMS:
        return sms_rate(london_midnight(day))
    if tally.notification_type is NotificationType.LETTER:
        return 0.0 if tally.billable_units == 0 else letter_rate(london_midnight(day), tally.postage,
                                                                   tally.billable_units)
    return 0.0


def _multiplier(tally: NotificationTally) -> int:
    if tally.notification_type is NotificationType.EMAIL:
        return 0
    return int(round(tally.rate_multiplier if tally.rate_multiplier is not None else 1))


def billing_facts(day: date, tallies: Iterable[NotificationTally]) -> list[BillingFact]:
    """The day's billing facts from its notifications' tallies: only billable statuses and live or team keys;
    texts summed over fragments, letters kept apart by sheets (each sheet count has its own rate)."""
    folded: dict[BillingFact, tuple[int, int]] = {}
    for t in tallies:
        if t.key_type not in BILLED_KEY_TYPES or t.status not in BILLABLE_STATUSES[t.notification_type]:
            continue
        letter = t.notification_type is NotificationType.LETTER
        key = BillingFact(day, t.template_id, t.service_id, t.notification_type, t.sent_by or UNKNOWN_PROVIDER,
                          _multiplier(t), t.international, _rate(t, day),
                          (t.postage or NO_POSTAGE) if letter else NO_POSTAGE, 0, 0)
        units, sent = folded.get(key, (0, 0))
        if t.notification_type is not NotificationType.EMAIL:
            units += t.billable_units * t.count
        folded[key] = (units, sent + t.count)
    return sorted((evolve(key, billable_units=units, notifications_sent=sent)
                   for key, (units, sent) in folded.items()), key=fact_order)


def status_facts(day: date, tallies: Iterable[NotificationTally], *,
                 include_test_key: bool = False) -> list[StatusFact]:
    """The day's status facts: notifications by template, job, channel, key type and status (test keys only
    when asked: Notify's stored facts leave them out, its live figures for today count them)."""
    folded: dict[StatusFact, int] = {}
    for t in tallies:
        if t.key_type not in BILLED_KEY_TYPES and not include_test_key:
            continue
        key = StatusFact(day, t.template_id, t.service_id, t.job_id or NO_JOB, t.notification_type, t.key_type,
                         t.status, 0)
        folded[key] = folded.get(key, 0) + t.count
    return sorted((evolve(key, notification_count=count) for key, count in folded.items()), key=fact_order)


def fact_order(fact: BillingFact | StatusFact) -> tuple[str, ...]:
    """One order for facts on every store: column by column, as text."""
    return tuple(str(v) for v in astuple(fact, recurse=False))
