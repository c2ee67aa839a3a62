"""Sending limits: the rate of each key type (a token bucket, as Notify's) and the per-day limit of each
channel, and how a batch of sends admitted together is counted against them exactly as if each had been
alone, one after another at the batch's latest send time.

Every limit is a shared counter that a send first raises to a floor, then adds its cost to; the send is
refused when that would pass `floor + limit`. A daily limit counts sends (cost 1, floor 0). A rate is the
generic cell rate algorithm: the counter is the bucket's "theoretical arrival time" in nanoseconds, a send
costs the time one token takes to refill and the floor is the send's own time, so the counter stays within
`now + burst * cost` (a missing counter is a full bucket)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import NamedTuple
from uuid import UUID

from attrs import evolve, frozen

from .constants import KeyType, NotificationType
from .errors import DailyLimitExceeded, RateLimitExceeded
from .notification import Notification
from .service import Service

RATE_KEY_NAMES = {KeyType.NORMAL: "LIVE", KeyType.TEAM: "TEAM", KeyType.TEST: "TEST"}
MAX_BURST = 1000
# A bucket holds at least a second's refill (more than Notify's 1000 tokens only above 60,000 a minute): each
# send's time is read on its own thread or process, so sends may be counted a little out of the order of their
# times, and a bucket that refills in microseconds would refuse the one counted after a later one.
MIN_SPAN_NS = 10**9
_NS_PER_MINUTE = 60 * 10**9
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class Increment(NamedTuple):
    """A counter's change: `value = max(value, floor) + amount` (a missing counter is 0; floor >= 0)."""

    key: str
    expires_at: datetime  # when the counter may be forgotten
    amount: int
    floor: int = 0


@frozen
class Limit:
    """One counter a send uses: its key, when the key may be forgotten, how far past the floor the counter may
    go, the refusal over it, what a send costs, whether the floor is the send's time (a bucket) and the floor."""

    key: str
    expires_at: datetime
    limit: int
    refusal_type: type[RateLimitExceeded]
    message: str
    cost: int = 1
    refills: bool = False
    floor: int = 0

    def refusal(self) -> RateLimitExceeded:
        return self.refusal_type(self.message)


def send_limits(service: Service, key_type: KeyType, kind: NotificationType, *, international_sms: bool,
                count_daily: bool, now: datetime) -> tuple[Limit, ...]:
    """The rate of the key type then the per-day channel limits of a send at `now`; test keys (and
    simulated recipients: `count_daily` False) never use the daily ones."""
    limits = [rate_limit(service, key_type, now)]
    if count_daily and key_type is not KeyType.TEST:
        channels = [kind.value] + (["international_sms"] if international_sms else [])
        limits += [daily_limit(service, channel, now) for channel in channels]
    return tuple(limits)


def limits_at(limits: tuple[Limit, ...], now: datetime) -> tuple[Limit, ...]:
    """`limits` (worked out earlier in the same minute) for a send at `now`: only a bucket's floor moves."""
    floor = nanoseconds(now)
    return tuple(evolve(limit, floor=floor) if limit.refills else limit for limit in limits)


def rate_limit(service: Service, key_type: KeyType, now: datetime) -> Limit:
    """The key type's bucket: `rate_limit / 60` tokens a second, `min(ceil(rate_limit / 3) + 1, 1000)` of
    them at most, or a second's worth if that is more (MIN_SPAN_NS). A rate limit of 0 refuses every send:
    its bucket holds nothing (Notify's would hold 1)."""
    per_minute = service.rate_limit
    cost = max(1, _NS_PER_MINUTE // max(per_minute, 1))  # a token's refill time
    burst = min(-(-per_minute // 3) + 1, MAX_BURST) if per_minute else 0
    span = max(burst * cost, MIN_SPAN_NS) if burst else 0
    # full again `span` after the last send; the limits of a minute are worked out at its start
    expires_at = now + timedelta(minutes=1, microseconds=-(-span // 1000))
    return Limit(f"rate:{service.id}:{key_type.value}", expires_at, span, RateLimitExceeded,
                 f"Exceeded rate limit for key type {RATE_KEY_NAMES[key_type]} of {per_minute} requests "
                 f"per 60 seconds", cost=cost, refills=True, floor=nanoseconds(now))


def nanoseconds(now: datetime) -> int:
    """Since the epoch, exactly (a float timestamp would round)."""
    return (now - _EPOCH) // timedelta(microseconds=1) * 1000


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


@frozen
class Settlement:
    """A batch after counting: each send's refusal or None (in order), the counts to give back (refused
    sends use nothing) and the stored notifications to take out again."""

    outcomes: list[RateLimitExceeded | None]
    give_back: list[Increment]
    refused: list[UUID]


class AdmissionBatch:
    """Sends counted together: every counter they use is raised once to the batch's latest floor (its sends
    are admitted at that instant) and incremented by their total cost, then `settle` decides from the counts
    after that, in order, which sends were over a limit."""

    def __init__(self, admissions: Sequence[Admission]) -> None:
        self.admissions = admissions
        increments: dict[str, Increment] = {}
        for admission in admissions:
            for limit in admission.limits:
                found = increments.get(limit.key)
                increments[limit.key] = (
                    Increment(limit.key, limit.expires_at, limit.cost, limit.floor) if found is None else
                    Increment(limit.key, max(found.expires_at, limit.expires_at), found.amount + limit.cost,
                              max(found.floor, limit.floor)))
        self._increments = increments

    @property
    def increments(self) -> list[Increment]:
        return list(self._increments.values())

    @property
    def ceilings(self) -> dict[str, int]:
        """How high each counter may end with every send of the batch admitted: a counter at or below its
        ceiling after the whole batch is what `settle` would find with nothing refused."""
        ceilings: dict[str, int] = {}
        for admission in self.admissions:
            for limit in admission.limits:
                ceiling = self._increments[limit.key].floor + limit.limit
                ceilings[limit.key] = min(ceilings.get(limit.key, ceiling), ceiling)
        return ceilings

    @property
    def to_store(self) -> list[Notification]:
        return [a.notification for a in self.admissions if a.store]

    def settle(self, counts_after: Sequence[int]) -> Settlement:
        """`counts_after`: each of `increments`' counters after the increment, in the same order."""
        increments = self._increments
        after = dict(zip(increments, counts_after))
        used = {key: count - increments[key].amount for key, count in after.items()}  # before, raised to the floor
        outcomes: list[RateLimitExceeded | None] = []
        refused: list[UUID] = []
        for admission in self.admissions:
            over = None
            for limit in admission.limits:
                if used[limit.key] + limit.cost > increments[limit.key].floor + limit.limit:
                    over = limit
                    break
            if over is not None:
                outcomes.append(over.refusal())
                if admission.store:
                    refused.append(admission.notification.id)
                continue
            for limit in admission.limits:
                used[limit.key] += limit.cost
            outcomes.append(None)
        give_back = [Increment(key, increments[key].expires_at, used[key] - count)
                     for key, count in after.items() if used[key] != count]
        return Settlement(outcomes, give_back, refused)
