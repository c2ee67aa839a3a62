"""A batch of sends counted together is refused exactly as the same sends one at a time would be."""

from __future__ import annotations

from datetime import datetime, timezone

from notify.domain.constants import KeyType, NotificationType
from notify.domain.errors import DailyLimitExceeded, RateLimitExceeded
from notify.domain.limits import Admission, AdmissionBatch, send_limits

from ... import factories

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def test_a_send_uses_the_rate_of_its_key_type_and_the_daily_limit_of_its_channels() -> None:
    service = factories.service(rate_limit=10, sms_message_limit=5)
    limits = send_limits(service, KeyType.NORMAL, NotificationType.SMS, international_sms=True, count_daily=True,
                         now=NOW)
    assert [limit.key for limit in limits] == [f"rate:{service.id}:normal:202601020304",
                                               f"daily:{service.id}:sms:2026-01-02",
                                               f"daily:{service.id}:international_sms:2026-01-02"]
    assert limits[0].refusal().message == "Exceeded rate limit for key type LIVE of 10 requests per 60 seconds"
    assert isinstance(limits[1].refusal(), DailyLimitExceeded)
    assert len(send_limits(service, KeyType.TEST, NotificationType.SMS, international_sms=False, count_daily=True,
                           now=NOW)) == 1  # test keys use no daily limit


def test_the_sends_over_a_limit_are_refused_in_order_and_give_their_counts_back() -> None:
    service = factories.service(rate_limit=3)
    limits = send_limits(service, KeyType.NORMAL, NotificationType.SMS, international_sms=False, count_daily=False,
                         now=NOW)
    admissions = [Admission(factories.notification(service.id), True, limits) for _ in range(4)]
    batch = AdmissionBatch(admissions)
    assert batch.increments == [(limits[0].key, limits[0].expires_at, 4)]
    settled = batch.settle([5])  # one was counted before this batch
    assert [type(o) for o in settled.outcomes] == [type(None), type(None), RateLimitExceeded, RateLimitExceeded]
    assert settled.give_back == [(limits[0].key, limits[0].expires_at, -2)]
    assert settled.refused == [admissions[2].notification.id, admissions[3].notification.id]
