"""Billing through the admin API: the nightly facts fold each day's notifications (text fragments times their
multiplier, international texts apart, letters by postage and sheets, only what is paid for), rebuilding a day
gives the same facts, and a service's allowance and usage are its own; bad years are Notify's 400s."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from notify.domain.constants import NotificationStatus as S, NotificationType as T
from notify.domain.service import Service
from notify.usecases import facts
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import T0, FrozenClock
from .sending_history import EUROPE, FIRST, SECOND, SMS_RATE, YESTERDAY, central_service, send, sent, sms

__all__ = ["sent"]  # the fixture



def test_the_free_allowance_is_used_up_in_date_order_then_texts_cost_their_rate(
        notify: Notify, admin: AdminClient, sent: tuple[Service, Service]) -> None:
    mine, _ = sent
    assert admin.post(f"/service/{mine.id}/billing/free-sms-fragment-limit",
                      json={"free_sms_fragment_limit": 10}).json == {"free_sms_fragment_limit": 10}
    monthly = admin.get(f"/service/{mine.id}/billing/monthly-usage", query_string="year=2026")
    assert monthly.status_code == 200
    # 4 fragments on the 13th, then 6 + 1 international fragment at 3 times on the 14th: 13; 10 of them free
    assert monthly.json == [
        {"month": "June", "notification_type": "letter", "chargeable_units": 2, "notifications_sent": 2,
         "rate": SECOND, "postage": "second", "cost": 1.36, "free_allowance_used": 0, "charged_units": 2},
        {"month": "June", "notification_type": "letter", "chargeable_units": 1, "notifications_sent": 1,
         "rate": FIRST, "postage": "first", "cost": FIRST, "free_allowance_used": 0, "charged_units": 1},
        {"month": "June", "notification_type": "letter", "chargeable_units": 1, "notifications_sent": 1,
         "rate": EUROPE, "postage": "europe", "cost": EUROPE, "free_allowance_used": 0, "charged_units": 1},
        {"month": "June", "notification_type": "sms", "chargeable_units": 13, "notifications_sent": 6,
         "rate": SMS_RATE, "postage": "none", "cost": round(3 * SMS_RATE, 6), "free_allowance_used": 10,
         "charged_units": 3},
    ]
    yearly = admin.get(f"/service/{mine.id}/billing/yearly-usage-summary", query_string="year=2026").json
    assert [(y["notification_type"], y["rate"], y["notifications_sent"], y["cost"]) for y in yearly] == [
        ("email", 0.0, 2, 0.0), ("letter", SECOND, 2, 1.36), ("letter", FIRST, 1, FIRST),
        ("letter", EUROPE, 1, EUROPE), ("sms", SMS_RATE, 6, round(3 * SMS_RATE, 6))]
    assert admin.get(f"/service/{mine.id}/billing/yearly-usage-summary", query_string="year=2025").json == []


def test_another_service_s_sending_never_shows_in_a_service_s_usage(
        notify: Notify, admin: AdminClient, sent: tuple[Service, Service]) -> None:
    mine, theirs = sent
    theirs_usage = admin.get(f"/service/{theirs.id}/billing/yearly-usage-summary", query_string="year=2026").json
    assert theirs_usage == [{"notification_type": "sms", "chargeable_units": 100, "notifications_sent": 50,
                             "rate": SMS_RATE, "cost": 0.0, "free_allowance_used": 100, "charged_units": 0}]
    mine_sms = [u for u in admin.get(f"/service/{mine.id}/billing/yearly-usage-summary",
                                     query_string="year=2026").json if u["notification_type"] == "sms"]
    assert mine_sms[0]["notifications_sent"] == 6
    missing = admin.get(f"/service/{uuid4()}/billing/monthly-usage", query_string="year=2026")
    assert missing.status_code == 404 and missing.json["result"] == "error"


def test_building_a_day_again_gives_the_same_facts_and_follows_late_receipts(
        notify: Notify, sent: tuple[Service, Service]) -> None:
    mine, _ = sent
    day = YESTERDAY.date()
    with notify.read_uow() as uow:
        before = uow.facts.billing_between(day, day), uow.facts.status_between(day, day)
    facts.build_nightly(notify)
    facts.build_day(notify, day)
    with notify.read_uow() as uow:
        assert (uow.facts.billing_between(day, day), uow.facts.status_between(day, day)) == before
    send(notify, mine, **sms(status=S.PERMANENT_FAILURE))
    facts.build_day(notify, day)
    with notify.read_uow() as uow:
        texts = [f for f in uow.facts.billing_between(day, day, service_ids=[mine.id])
                 if f.notification_type is T.SMS and not f.international]
        statuses: dict[tuple[T, S], int] = {}
        for f in uow.facts.status_between(day, day, service_ids=[mine.id]):
            key = (f.notification_type, f.notification_status)
            statuses[key] = statuses.get(key, 0) + f.notification_count
    assert (sum(f.billable_units for f in texts), sum(f.notifications_sent for f in texts)) == (8, 4)
    assert statuses[(T.SMS, S.PERMANENT_FAILURE)] == 1 and statuses[(T.SMS, S.DELIVERED)] == 3
    assert statuses[(T.SMS, S.CREATED)] == 1 and statuses[(T.LETTER, S.CANCELLED)] == 1


def test_monthly_usage_counts_today_live(notify: Notify, admin: AdminClient) -> None:
    service = central_service(notify)
    send(notify, service, 2, **sms(created_at=T0 - timedelta(hours=1)))
    june = admin.get(f"/service/{service.id}/billing/monthly-usage", query_string="year=2026").json
    assert [(m["month"], m["notifications_sent"], m["chargeable_units"]) for m in june] == [("June", 2, 4)]


def test_a_year_without_an_allowance_gets_notify_s_default_for_the_organisation_type(
        notify: Notify, admin: AdminClient) -> None:
    central, other = central_service(notify), factories.create_service(notify)
    with notify.read_uow() as uow:  # stored with the service, as Notify does
        assert uow.annual_billing.get(central.id, 2026).free_sms_fragment_limit == 20_000  # type: ignore[union-attr]
    path = "/service/{}/billing/free-sms-fragment-limit"
    assert admin.get(path.format(central.id)).json == {"free_sms_fragment_limit": 20_000, "financial_year_start": 2026}
    assert admin.get(path.format(central.id), query_string="financial_year_start=2023").json == {
        "free_sms_fragment_limit": 40_000, "financial_year_start": 2023}
    assert admin.get(path.format(other.id), query_string="financial_year_start=2025").json[
        "free_sms_fragment_limit"] == 5_000
    assert admin.post(path.format(other.id), json={"free_sms_fragment_limit": 123}).status_code == 201
    assert admin.get(path.format(other.id)).json == {"free_sms_fragment_limit": 123, "financial_year_start": 2026}
    assert admin.get(path.format(central.id)).json["free_sms_fragment_limit"] == 20_000  # its own, untouched


@pytest.mark.parametrize("query", ["", "year=", "year=twenty", "year=2026.5", "year=-1"])
def test_usage_without_a_valid_year_is_notify_s_400(admin: AdminClient, notify: Notify, query: str) -> None:
    service = factories.create_service(notify)
    for report in ("monthly-usage", "yearly-usage-summary"):
        answer = admin.get(f"/service/{service.id}/billing/{report}", query_string=query)
        assert (answer.status_code, answer.json) == (400, {"result": "error", "message": "No valid year provided"})


def test_bad_allowances_and_years_are_400s(admin: AdminClient, notify: Notify) -> None:
    service = factories.create_service(notify)
    path = f"/service/{service.id}/billing/free-sms-fragment-limit"
    for year in ("2015", "2027", "soon"):
        answer = admin.get(path, query_string=f"financial_year_start={year}")
        assert answer.status_code == 400 and answer.json["result"] == "error"
    for body in ({"free_sms_fragment_limit": -1}, {"free_sms_fragment_limit": "many"}, {}):
        answer = admin.post(path, json=body)
        assert answer.status_code == 400 and "free_sms_fragment_limit" in answer.json["message"]
    assert admin.get(f"/service/{uuid4()}/billing/free-sms-fragment-limit").status_code == 404
    assert admin.post(f"/service/{UUID(int=7)}/billing/free-sms-fragment-limit",
                      json={"free_sms_fragment_limit": 1}).status_code == 404


def test_the_nightly_run_builds_yesterday_and_the_days_before_once_a_uk_day(
        notify: Notify, clock: FrozenClock) -> None:
    service = central_service(notify)
    send(notify, service, **sms(created_at=T0 - timedelta(days=4)))
    send(notify, service, **sms(created_at=T0 - timedelta(days=5)))  # older than the nightly run looks
    nightly = facts.NightlyFacts()
    assert nightly.run_if_due(notify) is True
    send(notify, service, **sms())
    assert nightly.run_if_due(notify) is False  # built already today: yesterday's new text waits
    with notify.read_uow() as uow:
        built = uow.facts.billing_between(date(2026, 6, 1), date(2026, 6, 30))
    assert [f.bst_date for f in built] == [date(2026, 6, 11)]
    clock.set(clock.now() + timedelta(hours=12))  # past midnight in London
    assert nightly.run_if_due(notify) is True
    with notify.read_uow() as uow:
        built = uow.facts.billing_between(date(2026, 6, 1), date(2026, 6, 30))
    assert [f.bst_date for f in built] == [date(2026, 6, 11), date(2026, 6, 14)]
