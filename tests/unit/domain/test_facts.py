"""How a day's notifications fold into facts: what is paid for, at what rate, with what multiplier."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from notify.domain.billing import default_allowance, financial_year_of, usage
from notify.domain.constants import KeyType, NotificationStatus as S, NotificationType as T
from notify.domain.facts import NO_JOB, NotificationTally, billing_facts, status_facts

DAY = date(2026, 6, 14)
SERVICE, TEMPLATE = uuid4(), uuid4()


def tally(kind: T = T.SMS, status: S = S.DELIVERED, count: int = 1, **kw: Any) -> NotificationTally:
    values: dict[str, Any] = {"service_id": SERVICE, "template_id": TEMPLATE, "job_id": None,
                              "notification_type": kind, "key_type": KeyType.NORMAL, "status": status,
                              "sent_by": "mmg", "rate_multiplier": None, "international": False, "postage": None,
                              "billable_units": 1, "count": count}
    return NotificationTally(**{**values, **kw})


def test_texts_sum_fragments_and_keep_multipliers_and_international_apart() -> None:
    facts = billing_facts(DAY, [tally(billable_units=2, count=3), tally(billable_units=1, count=2),
                                tally(rate_multiplier=3.0, international=True, count=1),
                                tally(status=S.CREATED, count=5, sent_by=None), tally(key_type=KeyType.TEST)])
    assert [(f.rate_multiplier, f.international, f.billable_units, f.notifications_sent, f.chargeable_units)
            for f in sorted(facts, key=lambda f: f.rate_multiplier)] == [(1, False, 8, 5, 8), (3, True, 1, 1, 3)]
    assert {f.rate for f in facts} == {0.0227} and {f.postage for f in facts} == {"none"}


def test_letters_are_kept_by_postage_and_sheets_at_their_rate_and_unprinted_ones_cost_nothing() -> None:
    facts = billing_facts(DAY, [
        tally(T.LETTER, S.SENDING, postage="second", billable_units=1, count=2, sent_by="dvla"),
        tally(T.LETTER, S.DELIVERED, postage="second", billable_units=3, sent_by="dvla"),
        tally(T.LETTER, S.RETURNED_LETTER, postage="first", billable_units=1, sent_by="dvla"),
        tally(T.LETTER, S.CANCELLED, postage="first", billable_units=1, sent_by="dvla"),
        tally(T.LETTER, S.CREATED, postage="first", billable_units=1, sent_by="dvla")])
    assert sorted((f.postage, f.rate, f.billable_units, f.notifications_sent) for f in facts) == [
        ("first", 1.26, 1, 1), ("second", 0.68, 2, 2), ("second", 0.78, 3, 1)]


def test_emails_count_but_cost_nothing() -> None:
    [fact] = billing_facts(DAY, [tally(T.EMAIL, S.DELIVERED, count=4, sent_by=None, billable_units=0),
                                 tally(T.EMAIL, S.SENT)])  # an email is never `sent`: not paid for
    assert (fact.provider, fact.rate, fact.rate_multiplier, fact.notifications_sent, fact.chargeable_units) == (
        "unknown", 0.0, 0, 4, 0)


def test_status_facts_keep_every_status_and_jobs_and_test_keys_only_when_asked() -> None:
    job = uuid4()
    tallies = [tally(status=S.CREATED, count=2), tally(job_id=job, count=3), tally(key_type=KeyType.TEST)]
    assert sorted((f.job_id, f.notification_status, f.notification_count)
                  for f in status_facts(DAY, tallies)) == sorted([(NO_JOB, S.CREATED, 2), (job, S.DELIVERED, 3)],
                                                                 key=lambda row: str(row))
    assert len(status_facts(DAY, tallies, include_test_key=True)) == 3
    assert isinstance(NO_JOB, UUID)


def test_the_allowance_runs_out_in_date_order() -> None:
    earlier = billing_facts(date(2026, 5, 1), [tally(billable_units=1, count=6)])
    later = billing_facts(DAY, [tally(billable_units=1, count=6)])
    [may, june] = usage(later + earlier, 10, by_month=True)
    assert (may.free_allowance_used, may.charged_units, june.free_allowance_used, june.charged_units) == (6, 0, 4, 2)
    assert june.cost == round(2 * 0.0227, 6)


def test_financial_years_and_default_allowances() -> None:
    assert (financial_year_of(date(2026, 3, 31)), financial_year_of(date(2026, 4, 1))) == (2025, 2026)
    assert default_allowance("central", 2026) == 20_000 and default_allowance(None, 2026) == 5_000
    assert default_allowance("nhs_gp", 2024) == 0 and default_allowance("local", 2010) == 25_000
