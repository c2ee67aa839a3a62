"""A send's limits, a rate's token bucket, and a batch of sends counted together refused exactly as the same
sends one at a time would be."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from attrs import evolve

from notify.domain.constants import KeyType, NotificationType
from notify.domain.errors import DailyLimitExceeded, RateLimitExceeded
from notify.domain.limits import Admission, AdmissionBatch, Increment, limits_at, nanoseconds, send_limits

from ... import factories

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
SECOND = 10**9


def test_a_send_uses_the_bucket_of_its_key_type_and_the_daily_limit_of_its_channels() -> None:
    service = factories.service(rate_limit=10, sms_message_limit=5)
    limits = send_limits(service, KeyType.NORMAL, NotificationType.SMS, international_sms=True, count_daily=True,
                         now=NOW)
    assert [limit.key for limit in limits] == [f"rate:{service.id}:normal", f"daily:{service.id}:sms:2026-01-02",
                                               f"daily:{service.id}:international_sms:2026-01-02"]
    assert limits[0].refusal().message == "Exceeded rate limit for key type LIVE of 10 requests per 60 seconds"
    assert isinstance(limits[1].refusal(), DailyLimitExceeded)
    assert [(limit.cost, limit.floor, limit.limit) for limit in limits] == [
        (6 * SECOND, nanoseconds(NOW), 5 * 6 * SECOND), (1, 0, 5), (1, 0, 250_000)]
    assert len(send_limits(service, KeyType.TEST, NotificationType.SMS, international_sms=False, count_daily=True,
                           now=NOW)) == 1  # test keys use no daily limit


@pytest.mark.parametrize(("rate_limit", "burst"), [(1, 2), (3, 2), (4, 3), (10, 5), (300, 101), (2997, 1000),
                                                   (3000, 1000), (60_000, 1000)])
def test_a_bucket_holds_a_third_of_the_rate_plus_one_and_at_most_1000_tokens(rate_limit: int, burst: int) -> None:
    rate = send_limits(factories.service(rate_limit=rate_limit), KeyType.NORMAL, NotificationType.SMS,
                       international_sms=False, count_daily=False, now=NOW)[0]
    assert rate.cost == 60 * SECOND // rate_limit  # one token refills in 60 / rate_limit seconds
    assert rate.limit == burst * rate.cost


@pytest.mark.parametrize("rate_limit", [60_001, 10**6, 2**31 - 1])
def test_above_60000_a_minute_a_bucket_holds_a_seconds_worth(rate_limit: int) -> None:
    rate = send_limits(factories.service(rate_limit=rate_limit), KeyType.NORMAL, NotificationType.SMS,
                       international_sms=False, count_daily=False, now=NOW)[0]
    assert rate.cost == 60 * SECOND // rate_limit
    assert rate.limit == SECOND > 1000 * rate.cost


def test_nanoseconds_are_exact() -> None:
    assert nanoseconds(datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)) == 1767323045_678901000


def test_limits_at_a_later_time_move_only_the_bucket_floor() -> None:
    limits = send_limits(factories.service(), KeyType.NORMAL, NotificationType.EMAIL, international_sms=False,
                         count_daily=True, now=NOW)
    later = NOW + timedelta(seconds=30, microseconds=1)
    assert limits_at(limits, later) == (evolve(limits[0], floor=nanoseconds(later)), limits[1])


def _rate_admissions(rate_limit: int, *floors_after_now: int) -> list[Admission]:
    service = factories.service(rate_limit=rate_limit)
    limits = send_limits(service, KeyType.NORMAL, NotificationType.SMS, international_sms=False, count_daily=False,
                         now=NOW)
    return [Admission(factories.notification(service.id), True, (evolve(limits[0], floor=limits[0].floor + after),))
            for after in floors_after_now]


def test_the_sends_over_a_limit_are_refused_in_order_and_give_their_counts_back() -> None:
    admissions = _rate_admissions(3, 0, 0, 0, 0)  # a token each 20 s, 2 at most
    rate = admissions[0].limits[0]
    batch = AdmissionBatch(admissions)
    assert batch.increments == [Increment(rate.key, rate.expires_at, 4 * rate.cost, rate.floor)]
    settled = batch.settle([rate.floor + rate.cost + 4 * rate.cost])  # one token was taken before this batch
    assert [type(o) for o in settled.outcomes] == [type(None), RateLimitExceeded, RateLimitExceeded,
                                                   RateLimitExceeded]
    assert settled.give_back == [Increment(rate.key, rate.expires_at, -3 * rate.cost)]
    assert settled.refused == [a.notification.id for a in admissions[1:]]


def test_a_batch_is_admitted_at_its_latest_send_time() -> None:
    admissions = _rate_admissions(3, 0, 40 * SECOND, 0)  # the second arrived when two tokens had refilled
    rate = admissions[0].limits[0]
    batch = AdmissionBatch(admissions)
    assert batch.increments == [Increment(rate.key, rate.expires_at, 3 * rate.cost, rate.floor + 40 * SECOND)]
    settled = batch.settle([rate.floor + 40 * SECOND + 3 * rate.cost])  # the bucket was full by then
    assert [type(o) for o in settled.outcomes] == [type(None), type(None), RateLimitExceeded]
    assert settled.give_back == [Increment(rate.key, rate.expires_at, -rate.cost)]


def test_a_rate_limit_of_0_refuses_every_send() -> None:
    admissions = _rate_admissions(0, 0)
    rate = admissions[0].limits[0]
    settled = AdmissionBatch(admissions).settle([rate.floor + rate.cost])  # a missing counter: a full bucket
    assert [type(o) for o in settled.outcomes] == [RateLimitExceeded]
    assert settled.give_back == [Increment(rate.key, rate.expires_at, -rate.cost)]


@pytest.mark.parametrize("taken_before", [0, 1, 2, 3])
def test_a_batch_within_its_ceilings_is_exactly_one_that_settle_refuses_nothing_of(taken_before: int) -> None:
    admissions = _rate_admissions(3, 0, 0)  # 2 tokens at most: both fit only when none was taken before
    rate = admissions[0].limits[0]
    batch = AdmissionBatch(admissions)
    after = rate.floor + taken_before * rate.cost + 2 * rate.cost
    assert (after <= batch.ceilings[rate.key]) is (taken_before == 0)
    assert (batch.settle([after]).outcomes == [None, None]) is (taken_before == 0)


def test_a_counter_shared_by_sends_of_different_limits_is_held_to_the_lowest() -> None:
    service = factories.service(sms_message_limit=5)
    limits = send_limits(service, KeyType.NORMAL, NotificationType.SMS, international_sms=False, count_daily=True,
                         now=NOW)
    lowered = (limits[0], evolve(limits[1], limit=3))  # the service's limit changed between the two sends
    batch = AdmissionBatch([Admission(factories.notification(service.id), True, limits),
                            Admission(factories.notification(service.id), True, lowered)])
    assert batch.ceilings[limits[1].key] == 3
