"""Sending limits: the per-minute rate of each key type and the per-day limit of each channel, and how a
batch of sends admitted together is counted against them exactly as if each had been alone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from uuid import UUID

from attrs import frozen

from .constants import KeyType, NotificationType
from .errors import DailyLimitExceeded, RateLimitExceeded
from .notification import Notification
from .service import Service

RATE_KEY_NAMES = {KeyType.NORMAL: "LIVE", KeyType.TEAM: "TEAM", KeyType.TEST: "TEST"}


@frozen
class Limit:
    """One counter a send uses: its key, when the key may be forgotten, its limit and the refusal over it."""

    key: str
    expires_at: datetime
    limit: int
    refusal_type: type[RateLimitExceeded]
    message: str

    def refusal(self) -> RateLimitExceeded:
        return self.refusal_type(self.message)


def send_limits(service: Service, key_type: KeyType, kind: NotificationType, *, international_sms: bool,
                count_daily: bool, now: datetime) -> tuple[Limit, ...]:
    """Per-minute rate (a bucket per key type, as Notify) then per-day channel limits; test keys (and
    simulated recipients: `count_daily` False) never use the daily ones."""
    minute = now.replace(second=0, microsecond=0)
    rate = Limit(f"rate:{service.id}:{key_type.value}:{minute:%Y%m%d%H%M}", minute + timedelta(minutes=2),
                 service.rate_limit, RateLimitExceeded,
                 f"Exceeded rate limit for key type {RATE_KEY_NAMES[key_type]} of {service.rate_limit} requests "
                 f"per 60 seconds")
    limits = [rate]
    if count_daily and key_type is not KeyType.TEST:
        channels = [kind.value] + (["international_sms"] if international_sms else [])
        limits += [daily_limit(service, channel, minute) for channel in channels]
    return tuple(limits)


def daily_limit(service: Service, channel: str, now: datetime) -> Limit:
    """The service's limit for `channel` (sms, email, letter, international_sms) on `now`'s day."""
    limit: int = getattr(service, f"{channel}_message_limit")
    return Limit(daily_limit_key(service.id, channel, now), _day_end(now) + timedelta(days=1), limit,
                 DailyLimitExceeded, f"Exceeded send limits ({channel}: {limit}) for today")


def daily_limit_key(service_id: UUID, channel: str, now: datetime) -> str:
    return f"daily:{service_id}:{channel}:{now:%Y-%m-%d}"


def _day_end(now: datetime) -> datetime:
    return datetime(now.year, now.month, now.day, tzinfo=timezone.utc) + timedelta(days=1)


@frozen
class Admission:
    """A checked send waiting for its transaction: the notification (stored unless simulated) and the
    counters it uses."""

    notification: Notification
    store: bool
    limits: tuple[Limit, ...]


Increment = tuple[str, datetime, int]  # counter key, when it may be forgotten, amount


@frozen
class Settlement:
    """A batch after counting: each send's refusal or None (in order), the counts to give back (refused
    sends use nothing) and the stored notifications to take out again."""

    outcomes: list[RateLimitExceeded | None]
    give_back: list[Increment]
    refused: list[UUID]


class AdmissionBatch:
    """Sends counted together: every counter they use is incremented once by the batch's total, then
    `settle` decides from the counts after that, in order, which sends were over a limit."""

    def __init__(self, admissions: Sequence[Admission]) -> None:
        self.admissions = admissions
        expiry: dict[str, datetime] = {}
        amount: dict[str, int] = {}
        for admission in admissions:
            for limit in admission.limits:
                if limit.key in amount:
                    amount[limit.key] += 1
                else:
                    expiry[limit.key], amount[limit.key] = limit.expires_at, 1
        self._expiry, self._amount = expiry, amount

    @property
    def increments(self) -> list[Increment]:
        return [(key, self._expiry[key], amount) for key, amount in self._amount.items()]

    @property
    def to_store(self) -> list[Notification]:
        return [a.notification for a in self.admissions if a.store]

    def settle(self, counts_after: Sequence[int]) -> Settlement:
        """`counts_after`: each of `increments`' counters after the increment, in the same order."""
        after = dict(zip(self._amount, counts_after))
        used = {key: count - self._amount[key] for key, count in after.items()}  # as before this batch
        outcomes: list[RateLimitExceeded | None] = []
        refused: list[UUID] = []
        for admission in self.admissions:
            over = None
            for limit in admission.limits:
                if used[limit.key] + 1 > limit.limit:
                    over = limit
                    break
            if over is not None:
                outcomes.append(over.refusal())
                if admission.store:
                    refused.append(admission.notification.id)
                continue
            for limit in admission.limits:
                used[limit.key] += 1
            outcomes.append(None)
        give_back = [(key, self._expiry[key], used[key] - count) for key, count in after.items() if used[key] != count]
        return Settlement(outcomes, give_back, refused)
