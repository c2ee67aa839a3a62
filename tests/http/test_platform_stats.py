"""The platform's statistics and billing reports through the admin API, from the nightly facts: Notify's shapes
and sums, today's status totals counted live (never twice), each report's own services, and Notify's 400s for
bad dates and ranges."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from notify.domain.constants import KeyType, NotificationStatus as S, NotificationType as T
from notify.domain.service import Service
from notify.usecases import billing, facts, organisations, services
from notify.usecases.app import Notify

from ..conftest import AdminClient
from ..fakes import T0, FrozenClock
from .sending_history import BEFORE, SMS_RATE, YESTERDAY, central_service, send, sent, sms

__all__ = ["sent"]  # the fixture
JUNE = "start_date=2026-06-01&end_date=2026-06-30"
NO_FAILURES = {"technical-failure": 0, "permanent-failure": 0, "temporary-failure": 0, "virus-scan-failed": 0}


@pytest.fixture
def live(notify: Notify, sent: tuple[Service, Service]) -> tuple[Service, Service]:
    """`sent`'s services out of trial mode, the first in an organisation with its own allowance of 10."""
    mine, theirs = (services.update_service(notify, s.id, {"restricted": False}) for s in sent)
    org = organisations.create_organisation(notify, name="Department of Tests")
    organisations.link_service(notify, org.id, mine.id)
    billing.set_free_allowance(notify, mine.id, 10)
    with notify.read_uow() as uow:
        return uow.services.get(mine.id), theirs


def test_platform_stats_count_today_live_with_test_keys_and_other_days_from_facts(
        notify: Notify, admin: AdminClient, sent: tuple[Service, Service]) -> None:
    mine, _ = sent
    now = T0 - timedelta(hours=1)
    send(notify, mine, 2, **sms(created_at=now))
    send(notify, mine, **sms(created_at=now, key_type=KeyType.TEST))
    send(notify, mine, notification_type=T.EMAIL, created_at=now, status=S.TECHNICAL_FAILURE, to="a@b.gov.uk")
    today = admin.get("/platform-stats").json
    assert today == {
        "sms": {"total": 2, "test-key": 1, "failures": NO_FAILURES},
        "email": {"total": 1, "test-key": 0, "failures": {**NO_FAILURES, "technical-failure": 1}},
        "letter": {"total": 0, "test-key": 0, "failures": NO_FAILURES}}
    admin.get(f"/service/{mine.id}/billing/monthly-usage", query_string="year=2026")  # builds today's facts
    assert admin.get("/platform-stats").json == today
    yesterday = admin.get("/platform-stats", query_string="start_date=2026-06-14&end_date=2026-06-14").json
    assert yesterday["sms"] == {"total": 56, "test-key": 0, "failures": {**NO_FAILURES, "technical-failure": 1}}
    assert yesterday["letter"]["total"] == 5 and yesterday["email"]["total"] == 2
    answer = admin.get("/platform-stats", query_string="start_date=14-06-2026")
    assert (answer.status_code, answer.json) == (
        400, {"result": "error", "message": "Input must be a date in the format: YYYY-MM-DD"})


def test_daily_and_provider_volumes(admin: AdminClient, sent: tuple[Service, Service]) -> None:
    assert admin.get("/platform-stats/daily-volumes-report", query_string=JUNE).json == [
        {"day": "2026-06-13", "sms_totals": 2, "sms_fragment_totals": 4, "sms_chargeable_units": 4,
         "email_totals": 0, "letter_totals": 0, "letter_sheet_totals": 0},
        {"day": "2026-06-14", "sms_totals": 54, "sms_fragment_totals": 107, "sms_chargeable_units": 109,
         "email_totals": 2, "letter_totals": 4, "letter_sheet_totals": 5}]
    assert admin.get("/platform-stats/daily-sms-provider-volumes-report",
                     query_string="start_date=2026-06-14&end_date=2026-06-14").json == [
        {"day": "2026-06-14", "provider": "mmg", "sms_totals": 54, "sms_fragment_totals": 107,
         "sms_chargeable_units": 109, "sms_cost": round(109 * SMS_RATE, 6)}]
    for report in ("daily-volumes-report", "daily-sms-provider-volumes-report", "volumes-by-service"):
        assert admin.get(f"/platform-stats/{report}", query_string="start_date=2026-06-01").status_code == 400


def test_volumes_by_service_list_live_services_with_an_allowance(
        notify: Notify, admin: AdminClient, live: tuple[Service, Service]) -> None:
    mine, theirs = live
    billing.free_allowance(notify, theirs.id)  # the default, stored
    report = admin.get("/platform-stats/volumes-by-service", query_string=JUNE).json
    assert [r["service_id"] for r in report] == [str(mine.id), str(theirs.id)]  # organisation first
    assert report[0] == {
        "service_name": mine.name, "service_id": str(mine.id), "organisation_name": "Department of Tests",
        "organisation_id": str(mine.organisation_id), "free_allowance": 10, "sms_notifications": 6,
        "sms_chargeable_units": 13, "email_totals": 2, "letter_totals": 4, "letter_sheet_totals": 5,
        "letter_cost": 4.17}
    assert (report[1]["organisation_name"], report[1]["free_allowance"], report[1]["sms_notifications"]) == (
        "", 20_000, 50)


def test_the_billing_report_charges_texts_beyond_the_allowance_and_letters(
        admin: AdminClient, live: tuple[Service, Service]) -> None:
    mine, _ = live  # theirs stays within its allowance and sent no letters: not billed
    assert admin.get("/platform-stats/data-for-billing-report", query_string=JUNE).json == [{
        "organisation_id": str(mine.organisation_id), "organisation_name": "Department of Tests",
        "service_id": str(mine.id), "service_name": mine.name, "sms_cost": round(3 * SMS_RATE, 6),
        "sms_chargeable_units": 3, "total_letters": 4, "letter_cost": 4.17,
        "letter_breakdown": "2 second class letters at 68p\n1 first class letters at £1.31\n"
                            "1 international letters at £1.50\n",
        "purchase_order_number": None, "contact_names": None, "contact_email_addresses": None,
        "billing_reference": None}]
    # the 14th alone: the allowance was used up by the 13th's 4 fragments first, so still 3 charged
    only_14th = admin.get("/platform-stats/data-for-billing-report",
                          query_string="start_date=2026-06-14&end_date=2026-06-14").json
    assert only_14th[0]["sms_chargeable_units"] == 3
    assert admin.get("/platform-stats/data-for-billing-report",
                     query_string="start_date=2026-06-13&end_date=2026-06-13").json == []


def test_letters_by_print_day_postage_and_sheets(admin: AdminClient, sent: tuple[Service, Service]) -> None:
    assert admin.get("/platform-stats/data-for-dvla-billing-report", query_string=JUNE).json == [
        {"date": "2026-06-14", "postage": "europe", "cost_threshold": "unsorted", "sheets": 1, "rate": 1.5,
         "letters": 1, "cost": 1.5},
        {"date": "2026-06-14", "postage": "first", "cost_threshold": "unsorted", "sheets": 2, "rate": 1.31,
         "letters": 1, "cost": 1.31},
        {"date": "2026-06-14", "postage": "second", "cost_threshold": "unsorted", "sheets": 1, "rate": 0.68,
         "letters": 2, "cost": 1.36}]


@pytest.mark.parametrize("report", ["data-for-billing-report", "data-for-dvla-billing-report"])
@pytest.mark.parametrize("query, message", [
    ("start_date=2026-03-31&end_date=2026-04-01", "Date must be in a single financial year."),
    ("start_date=2026-06-02&end_date=2026-06-01", "Start date must be before end date"),
    ("start_date=2026-06-01&end_date=June", "Input must be a date in the format: YYYY-MM-DD"),
    ("", "Input must be a date in the format: YYYY-MM-DD"),
])
def test_billing_reports_need_a_range_within_one_financial_year(
        admin: AdminClient, report: str, query: str, message: str) -> None:
    answer = admin.get(f"/platform-stats/{report}", query_string=query)
    assert (answer.status_code, answer.json) == (400, {"result": "error", "message": message})


def test_the_performance_dashboard(admin: AdminClient, live: tuple[Service, Service]) -> None:
    mine, theirs = live
    board = admin.get("/performance-dashboard", query_string="start_date=2026-06-14&end_date=2026-06-14").json
    # every status counts, test keys do not: 2 + 6 + 50 texts, 5 letters (one cancelled), 2 emails
    assert {k: board[k] for k in ("total_notifications", "email_notifications", "sms_notifications",
                                  "letter_notifications")} == {
        "total_notifications": 65, "email_notifications": 2, "sms_notifications": 58, "letter_notifications": 5}
    assert board["notifications_by_type"] == [{"date": "2026-06-14", "emails": 2, "sms": 56, "letters": 5}]
    assert board["live_service_count"] == 2
    assert board["processing_time"] == [{"date": "2026-06-14", "percentage_under_10_seconds": 100.0}]  # none by API
    assert board["services_using_notify"][0] == {
        "service_id": str(mine.id), "service_name": mine.name, "organisation_id": str(mine.organisation_id),
        "organisation_name": "Department of Tests"}
    assert admin.get("/performance-dashboard").json["notifications_by_type"] == []  # today: not built yet
    assert admin.get("/performance-dashboard", query_string="end_date=tomorrow").status_code == 400


def test_the_performance_dashboard_shows_each_day_s_api_messages_sent_within_10_seconds(
        notify: Notify, admin: AdminClient, clock: FrozenClock) -> None:
    service, key = central_service(notify), uuid4()
    for created, within in ((YESTERDAY, (1, 9, 12, 30)), (BEFORE, (2,))):
        for seconds in within:
            sent_at = created + timedelta(seconds=seconds)
            send(notify, service, **sms(created_at=created, api_key_id=key, sent_at=sent_at))
    send(notify, service, **sms(created_at=YESTERDAY, status=S.CREATED, sent_by=None, api_key_id=key))  # not sent
    send(notify, service, **sms(created_at=YESTERDAY, sent_at=YESTERDAY + timedelta(minutes=5)))  # a job's: not timed
    clock.advance(hours=1)
    facts.build_nightly(notify)
    board = admin.get("/performance-dashboard", query_string="start_date=2026-06-13&end_date=2026-06-15").json
    assert board["processing_time"] == [{"date": "2026-06-13", "percentage_under_10_seconds": 100.0},
                                        {"date": "2026-06-14", "percentage_under_10_seconds": 40.0}]
    assert admin.get("/performance-dashboard").json["processing_time"] == []  # today: not built yet


def test_live_services_data_and_monthly_statuses_by_service(
        notify: Notify, admin: AdminClient, live: tuple[Service, Service]) -> None:
    mine, theirs = live
    central_service(notify)  # in trial mode: not live
    services.update_service(notify, mine.id, {"go_live_at": T0 - timedelta(days=10)})
    services.update_service(notify, theirs.id, {"go_live_at": T0 - timedelta(days=30)})
    data = admin.get("/service/live-services-data").json["data"]
    assert [d["service_id"] for d in data] == [str(theirs.id), str(mine.id)]  # by the day they went live
    assert data[1]["live_date"] is not None and data[0]["free_sms_fragment_limit"] == 20_000
    assert {k: data[1][k] for k in ("organisation_name", "organisation_type", "email_totals", "sms_totals",
                                    "letter_totals", "free_sms_fragment_limit")} == {
        "organisation_name": "Department of Tests", "organisation_type": None, "email_totals": 2, "sms_totals": 6,
        "letter_totals": 4, "free_sms_fragment_limit": 10}
    monthly = admin.get("/service/monthly-data-by-service", query_string=JUNE).json
    assert [r for r in monthly if r[1] == str(mine.id)] == [
        ["2026-06-01", str(mine.id), mine.name, "email", 0, 2, 0, 0, 0, 0],
        ["2026-06-01", str(mine.id), mine.name, "letter", 2, 2, 0, 0, 0, 0],
        ["2026-06-01", str(mine.id), mine.name, "sms", 0, 5, 1, 0, 0, 1]]
    assert [r[1:5] for r in monthly if r[1] == str(theirs.id)] == [[str(theirs.id), theirs.name, "sms", 0]]
    assert admin.get("/service/monthly-data-by-service", query_string="start_date=x&end_date=y").status_code == 400


def test_an_organisation_s_services_with_their_usage(
        notify: Notify, admin: AdminClient, live: tuple[Service, Service]) -> None:
    mine, theirs = live
    answer = admin.get(f"/organisations/{mine.organisation_id}/services-with-usage", query_string="year=2026")
    assert answer.json == {"updated_at": "2026-06-15T12:00:00.000000Z", "services": [{  # the nightly build's time
        "service_id": str(mine.id), "service_name": mine.name, "free_sms_limit": 10, "sms_remainder": 0,
        "sms_billable_units": 13, "chargeable_billable_sms": 3, "sms_cost": round(3 * SMS_RATE, 6),
        "letter_cost": 4.17, "emails_sent": 2, "active": True}]}
    assert admin.get(f"/organisations/{mine.organisation_id}/services-with-usage",
                     query_string="year=2025").json["services"][0]["sms_remainder"] == 30_000  # nothing sent
    bad = admin.get(f"/organisations/{mine.organisation_id}/services-with-usage", query_string="year=last")
    assert (bad.status_code, bad.json) == (400, {"result": "error", "message": "No valid year provided"})
    assert admin.get(f"/organisations/{uuid4()}/services-with-usage", query_string="year=2026").status_code == 404
