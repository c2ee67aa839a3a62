"""Daily facts and free allowances on every store: the day's notifications tallied, a day's facts replaced
whole (for every service or only the named ones), read back by day range and service, in one order."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from notify.domain.billing import AnnualBilling
from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.facts import BillingFact, DayRange, NotificationTally, ProcessingTimeFact, StatusFact, utc_bounds
from notify.domain.notification_history import Expiry
from tests import factories

from .helpers import NewUow, add_service, later

DAY = date(2026, 6, 15)  # T0's UK day


def billing(service_id, day=DAY, units=3, sent=2, **kw):  # type: ignore[no-untyped-def]
    values = {"bst_date": day, "template_id": uuid4(), "service_id": service_id,
              "notification_type": NotificationType.SMS, "provider": "mmg", "rate_multiplier": 1,
              "international": False, "rate": 0.0227, "postage": "none", "billable_units": units,
              "notifications_sent": sent}
    return BillingFact(**{**values, **kw})


def status(service_id, day=DAY, count=4, **kw):  # type: ignore[no-untyped-def]
    values = {"bst_date": day, "template_id": uuid4(), "service_id": service_id, "job_id": uuid4(),
              "notification_type": NotificationType.EMAIL, "key_type": KeyType.NORMAL,
              "notification_status": NotificationStatus.DELIVERED, "notification_count": count}
    return StatusFact(**{**values, **kw})


def test_notifications_are_tallied_by_what_facts_keep_within_the_day(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    template = uuid4()
    start, end = utc_bounds(DAY)
    alike = dict(template_id=template, status=NotificationStatus.DELIVERED, sent_by="mmg", billable_units=2,
                 rate_multiplier=1.0)
    with new_uow() as uow:
        uow.notifications.add_many([
            factories.notification(service.id, created_at=start, **alike),
            factories.notification(service.id, created_at=end - timedelta(microseconds=1), **alike),
            factories.notification(service.id, created_at=later(hours=1), **{**alike, "billable_units": 3}),
            factories.notification(service.id, created_at=end, **alike),  # the next day
            factories.notification(service.id, created_at=start - timedelta(seconds=1), **alike),  # the day before
            factories.notification(other.id, created_at=later(), **alike),
        ])
        uow.commit()
    with new_uow() as uow:
        tallies = uow.facts.tally_notifications(start, end, service_ids=[service.id])
        everyone = uow.facts.tally_notifications(start, end)
    expected = NotificationTally(service.id, template, None, NotificationType.SMS, KeyType.NORMAL,
                                 NotificationStatus.DELIVERED, "mmg", 1.0, False, None, 2, 2)
    assert sorted(tallies, key=lambda t: t.billable_units) == [
        expected, NotificationTally(service.id, template, None, NotificationType.SMS, KeyType.NORMAL,
                                    NotificationStatus.DELIVERED, "mmg", 1.0, False, None, 3, 1)]
    assert sum(t.count for t in everyone) == 4 and {t.service_id for t in everyone} == {service.id, other.id}


def test_notifications_purged_to_history_are_still_tallied(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    start, end = utc_bounds(DAY)
    alike = dict(status=NotificationStatus.DELIVERED, sent_by="mmg", billable_units=1, template_id=uuid4())
    with new_uow() as uow:
        uow.notifications.add_many([factories.notification(service.id, created_at=later(), **alike),
                                    factories.notification(service.id, created_at=later(minutes=1), **alike)])
        uow.commit()
    with new_uow() as uow:
        assert len(uow.notification_history.move_expired(
            Expiry(service.id, NotificationType.SMS, created_before=later(seconds=30)), limit=10)) == 1
        uow.commit()
    with new_uow() as uow:
        [tally] = uow.facts.tally_notifications(start, end)
    assert (tally.service_id, tally.count) == (service.id, 2)


def test_api_texts_and_emails_are_timed_from_created_to_sent(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    start, end = utc_bounds(DAY)
    key = uuid4()

    def sent(after: float | None, created_at=later(hours=1), **kw):  # type: ignore[no-untyped-def]
        return factories.notification(service.id, api_key_id=key, created_at=created_at,
                                      sent_at=None if after is None else created_at + timedelta(seconds=after), **kw)

    with new_uow() as uow:
        uow.notifications.add_many([
            sent(0.5), sent(10), sent(10.5), sent(None),  # sent in time, at the limit, late, not yet
            sent(2, notification_type=NotificationType.EMAIL, to="a@example.com", normalised_to="a@example.com"),
            sent(3, created_at=start - timedelta(seconds=5)),  # the day before
            sent(1, notification_type=NotificationType.LETTER),  # letters are not timed
            sent(1, key_type=KeyType.TEST),
            factories.notification(service.id, created_at=later(), sent_at=later(seconds=1)),  # from a job
        ])
        uow.commit()
    with new_uow() as uow:
        assert uow.facts.tally_processing_time(start, end) == (5, 3)
        assert uow.facts.tally_processing_time(end, end + timedelta(days=1)) == (0, 0)
        assert len(uow.notification_history.move_expired(
            Expiry(service.id, NotificationType.SMS, created_before=end), limit=10)) == 7  # every text
        uow.commit()
    with new_uow() as uow:
        assert uow.facts.tally_processing_time(start, end) == (5, 3)  # purged to history, still counted


def test_processing_time_facts_are_replaced_per_day_and_read_by_range(new_uow: NewUow) -> None:
    with new_uow() as uow:
        assert uow.facts.last_built_at() is None
        for offset, built in ((0, later(days=1)), (1, later(days=2)), (2, later(days=3))):
            uow.facts.replace_processing_time_day(ProcessingTimeFact(DAY + timedelta(days=offset), 10, 9, built))
        uow.facts.replace_processing_time_day(ProcessingTimeFact(DAY, 4, 1, later(days=5)))  # built again
        uow.commit()
    with new_uow() as uow:
        facts = uow.facts.processing_time_between(DAY, DAY + timedelta(days=1))
        assert uow.facts.last_built_at() == later(days=5)
    assert facts == [ProcessingTimeFact(DAY, 4, 1, later(days=5)),
                     ProcessingTimeFact(DAY + timedelta(days=1), 10, 9, later(days=2))]
    assert [f.percentage_under_10_seconds for f in facts] == [25.0, 90.0]
    assert ProcessingTimeFact(DAY, 0, 0, later()).percentage_under_10_seconds == 100.0


def test_a_day_s_facts_are_replaced_whole_and_read_by_range_and_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    mine, theirs = billing(service.id), billing(other.id)
    yesterday = billing(service.id, day=DAY - timedelta(days=1))
    with new_uow() as uow:
        uow.facts.replace_billing_day(DAY, [mine, theirs])
        uow.facts.replace_billing_day(yesterday.bst_date, [yesterday])
        uow.facts.replace_status_day(DAY, [status(service.id), status(other.id)])
        uow.commit()
    replacement = billing(service.id, units=9, sent=5)
    with new_uow() as uow:
        uow.facts.replace_billing_day(DAY, [replacement], service_ids=[service.id])  # theirs is left alone
        uow.commit()
    with new_uow() as uow:
        assert uow.facts.billing_between(DAY, DAY, service_ids=[service.id]) == [replacement]
        assert set(uow.facts.billing_between(DAY - timedelta(days=1), DAY)) == {replacement, theirs, yesterday}
        assert uow.facts.billing_between(DAY + timedelta(days=1), DAY + timedelta(days=9)) == []
        assert [f.service_id for f in uow.facts.status_between(None, None, service_ids=[other.id])] == [other.id]
        assert len(uow.facts.status_between(DAY, None)) == 2
    with new_uow() as uow:
        uow.facts.replace_billing_day(DAY, [])
        uow.facts.replace_status_day(DAY, [])
        uow.commit()
    with new_uow() as uow:
        assert uow.facts.billing_between(DAY - timedelta(days=1), DAY) == [yesterday]
        assert uow.facts.status_between(None, None) == []


def test_facts_read_back_equal_and_in_one_order(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    letters = [billing(service.id, notification_type=NotificationType.LETTER, provider="dvla", postage=postage,
                       rate=rate, billable_units=sheets, notifications_sent=1, international=postage == "europe")
               for postage, rate, sheets in (("second", 0.68, 1), ("first", 1.31, 2), ("europe", 1.5, 1))]
    with new_uow() as uow:
        uow.facts.replace_billing_day(DAY, list(reversed(letters)))
        uow.commit()
    with new_uow() as uow:
        found = uow.facts.billing_between(DAY, DAY)
    assert sorted(found, key=lambda f: f.postage) == sorted(letters, key=lambda f: f.postage)
    assert [f.template_id for f in found] == sorted((f.template_id for f in letters), key=str)


def test_one_allowance_per_service_and_year(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    first = AnnualBilling(id=uuid4(), service_id=service.id, financial_year_start=2026, free_sms_fragment_limit=10,
                          created_at=later())
    with new_uow() as uow:
        uow.annual_billing.put(first)
        uow.annual_billing.put(AnnualBilling(id=uuid4(), service_id=service.id, financial_year_start=2025,
                                             free_sms_fragment_limit=5, created_at=later()))
        uow.annual_billing.put(AnnualBilling(id=uuid4(), service_id=other.id, financial_year_start=2026,
                                             free_sms_fragment_limit=7, created_at=later()))
        uow.commit()
    changed = first.changed(free_sms_fragment_limit=99, has_custom_allowance=True, now=later(hours=1))
    with new_uow() as uow:
        uow.annual_billing.put(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.annual_billing.get(service.id, 2026) == changed
        assert uow.annual_billing.get(service.id, 2024) is None
        assert [b.financial_year_start for b in uow.annual_billing.list_for_services([service.id])] == [2025, 2026]
        assert len(uow.annual_billing.list_for_services()) == 3


def test_status_facts_are_summed_per_range_and_per_template_without_test_keys(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    template = uuid4()
    yesterday, failed = DAY - timedelta(days=1), NotificationStatus.PERMANENT_FAILURE
    with new_uow() as uow:
        uow.facts.replace_status_day(DAY, [
            status(service.id, template_id=template, count=2), status(service.id, template_id=template, count=3),
            status(service.id, template_id=template, notification_status=failed, count=1),
            status(service.id, template_id=template, key_type=KeyType.TEST, count=50),
            status(other.id, template_id=template, count=70)])
        uow.facts.replace_status_day(yesterday, [status(service.id, yesterday, notification_type=NotificationType.SMS,
                                                        count=4)])
        uow.commit()
    with new_uow() as uow:
        counts = uow.facts.status_counts([DayRange("day", DAY, DAY), DayRange("both", yesterday, DAY),
                                          DayRange("none", DAY + timedelta(days=1), DAY + timedelta(days=9))],
                                         service_id=service.id)
        by_template = uow.facts.template_status_counts(DAY, DAY, service_id=service.id)
    delivered, email, sms = NotificationStatus.DELIVERED, NotificationType.EMAIL, NotificationType.SMS
    assert sorted((c.period, c.notification_type, c.status, c.count) for c in counts) == sorted([
        ("day", email, delivered, 5), ("day", email, failed, 1),
        ("both", email, delivered, 5), ("both", email, failed, 1), ("both", sms, delivered, 4)])
    assert {c.service_id for c in counts} == {service.id}
    assert sorted((c.template_id, c.status, c.count) for c in by_template) == [
        (template, delivered, 5), (template, failed, 1)]
