"""The platform's statistics and billing reports for Notify's operators, from the daily facts: status totals
(today's counted live from its notifications, as Notify does), volumes by day, provider and service, the
billing and print reports, the performance dashboard, live services' data, monthly statuses per service, and
an organisation's services with their usage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from uuid import UUID

from attrs import frozen

from notify.domain.billing import financial_year_dates, financial_year_of
from notify.domain.facts import BillingFact, ProcessingTimeFact, StatusFact, status_facts, uk_date, utc_bounds
from notify.domain.organisation import Organisation
from notify.domain.platform_stats import (
    ChannelCounts, LetterPrintRow, MonthlyStatuses, SmsCharges, Volumes, admin_stats, check_one_financial_year,
    counts_by_day, letter_breakdown, letters_printed, monthly_statuses, sms_charges, volumes, volumes_by,
)
from notify.domain.constants import NotificationType
from notify.domain.service import Service
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .billing import allowance_in_year


def _today(notify: Notify) -> date:
    return uk_date(notify.clock.now())


def _facts_with_today_live(notify: Notify, uow: UnitOfWork, first: date, last: date) -> list[StatusFact]:
    """Stored status facts up to yesterday; today's (test keys included) counted from its notifications."""
    today = _today(notify)
    found = list(uow.facts.status_between(first, min(last, today - timedelta(days=1))))
    if first <= today <= last:
        found += status_facts(today, uow.facts.tally_notifications(*utc_bounds(today)), include_test_key=True)
    return found


def platform_stats(notify: Notify, first: date | None, last: date | None) -> dict[str, dict[str, object]]:
    today = _today(notify)
    with notify.read_uow() as uow:
        return admin_stats(_facts_with_today_live(notify, uow, first or today, last or today))


def daily_volumes(notify: Notify, first: date, last: date) -> dict[date, Volumes]:
    with notify.read_uow() as uow:
        return volumes_by(uow.facts.billing_between(first, last), lambda f: f.bst_date)


def daily_sms_provider_volumes(notify: Notify, first: date, last: date) -> dict[tuple[date, str], Volumes]:
    with notify.read_uow() as uow:
        texts = [f for f in uow.facts.billing_between(first, last) if f.notification_type is NotificationType.SMS]
    return volumes_by(texts, lambda f: (f.bst_date, f.provider))


@frozen
class ServiceRow:
    service: Service
    organisation: Organisation | None


def _by_organisation_then_name(rows: Sequence[ServiceRow]) -> list[ServiceRow]:
    """Notify's report order: by organisation name (services without one last), then service name."""
    return sorted(rows, key=lambda r: (r.organisation is None, r.organisation.name if r.organisation else "",
                                       r.service.name))


def _rows(uow: UnitOfWork, services: Sequence[Service]) -> list[ServiceRow]:
    organisations = {o.id: o for o in uow.organisations.list()}
    return [ServiceRow(s, organisations.get(s.organisation_id) if s.organisation_id else None) for s in services]


def _facts_by_service(facts: Sequence[BillingFact]) -> dict[UUID, list[BillingFact]]:
    grouped: dict[UUID, list[BillingFact]] = {}
    for f in facts:
        grouped.setdefault(f.service_id, []).append(f)
    return grouped


@frozen
class ServiceVolumes:
    row: ServiceRow
    free_allowance: int
    volumes: Volumes


def volumes_by_service(notify: Notify, first: date, last: date) -> list[ServiceVolumes]:
    """Live services that have an allowance, with their volumes over the days (none is zeros)."""
    with notify.read_uow() as uow:
        live = [s for s in uow.services.list() if s.is_live]
        rows = _by_organisation_then_name(_rows(uow, live))
        allowances = {}
        for b in uow.annual_billing.list_for_services([s.id for s in live]):
            if b.financial_year_start <= last.year:  # the newest year up to the end date's (Notify's choice)
                allowances[b.service_id] = b.free_sms_fragment_limit
        facts = _facts_by_service(uow.facts.billing_between(first, last))
    return [ServiceVolumes(r, allowances[r.service.id], volumes(facts.get(r.service.id, [])))
            for r in rows if r.service.id in allowances]


@frozen
class BillingReportRow:
    row: ServiceRow
    sms: SmsCharges
    letters: Volumes
    letter_breakdown: str


def billing_report(notify: Notify, first: date, last: date) -> list[BillingReportRow]:
    """What each service is billed for the days (one financial year): texts beyond the year's allowance, and
    letters; services with neither are left out."""
    check_one_financial_year(first, last)
    year = financial_year_of(first)
    with notify.read_uow() as uow:
        services = list(uow.services.list())
        rows = _rows(uow, services)
        allowances = {s.id: allowance_in_year(uow, s, year) for s in services}
        facts = _facts_by_service(uow.facts.billing_between(*financial_year_dates(year)))
    report = []
    for r in rows:
        its = facts.get(r.service.id, [])
        in_range = [f for f in its if first <= f.bst_date <= last and f.notification_type is NotificationType.LETTER]
        sms = sms_charges(its, allowances[r.service.id], first, last)
        if sms.cost > 0 or in_range:
            report.append(BillingReportRow(r, sms, volumes(in_range), letter_breakdown(in_range)))
    return sorted(report, key=lambda b: (b.row.organisation is None,
                                         b.row.organisation.name if b.row.organisation else "", b.row.service.name))


def letters_print_report(notify: Notify, first: date, last: date) -> list[LetterPrintRow]:
    check_one_financial_year(first, last)
    with notify.read_uow() as uow:
        return letters_printed(uow.facts.billing_between(first, last))


@frozen
class Dashboard:
    all_time: ChannelCounts
    by_day: dict[date, ChannelCounts]
    processing_time: Sequence[ProcessingTimeFact]
    live_services: list[ServiceRow]


def performance_dashboard(notify: Notify, first: date | None, last: date | None) -> Dashboard:
    today = _today(notify)
    with notify.read_uow() as uow:
        every = counts_by_day(uow.facts.status_between(None, None))
        by_day = counts_by_day(uow.facts.status_between(first or today, last or today))
        processing_time = uow.facts.processing_time_between(first or today, last or today)
        live = _by_organisation_then_name(_rows(uow, [s for s in uow.services.list() if s.is_live]))
    totals = ChannelCounts(sum(c.emails for c in every.values()), sum(c.sms for c in every.values()),
                           sum(c.letters for c in every.values()))
    return Dashboard(totals, by_day, processing_time, live)


@frozen
class LiveService:
    row: ServiceRow
    go_live_user: User | None
    volumes: Volumes
    free_sms_fragment_limit: int


def live_services_data(notify: Notify) -> list[LiveService]:
    """Live services with an allowance, by the day they went live: this financial year's volumes, the newest
    allowance, and who made them live."""
    year = financial_year_of(_today(notify))
    with notify.read_uow() as uow:
        live = [s for s in uow.services.list() if s.is_live]
        newest: dict[UUID, int] = {}
        for b in uow.annual_billing.list_for_services([s.id for s in live]):  # by year: the last one wins
            newest[b.service_id] = b.free_sms_fragment_limit
        users = {u.id: u for u in uow.users.list([s.go_live_user_id for s in live if s.go_live_user_id])}
        facts = _facts_by_service(uow.facts.billing_between(*financial_year_dates(year)))
        rows = _rows(uow, [s for s in live if s.id in newest])
    rows.sort(key=lambda r: (r.service.go_live_at is None, r.service.go_live_at or notify.clock.now()))
    return [LiveService(r, users.get(r.service.go_live_user_id) if r.service.go_live_user_id else None,
                        volumes(facts.get(r.service.id, [])), newest[r.service.id]) for r in rows]


def monthly_data_by_service(notify: Notify, first: date, last: date) -> list[tuple[MonthlyStatuses, str]]:
    """Active services out of trial mode: each month's notifications by status, with the service's name."""
    with notify.read_uow() as uow:
        names = {s.id: s.name for s in uow.services.list() if s.active and not s.restricted}
        facts = uow.facts.status_between(first, last, service_ids=list(names))
    return [(m, names[m.service_id]) for m in monthly_statuses(facts)]


@frozen
class ServiceUsage:
    service: Service
    free_sms_limit: int
    sms: SmsCharges
    letters: Volumes
    emails_sent: int


@frozen
class OrganisationUsage:
    services: list[ServiceUsage]
    updated_at: datetime | None  # when the facts the figures come from were last built


def organisation_usage(notify: Notify, organisation_id: UUID, year: int) -> OrganisationUsage:
    """An organisation's services out of trial mode and their usage over financial year `year`: active ones
    first, then by name."""
    with notify.read_uow() as uow:
        uow.organisations.get(organisation_id)
        services = [s for s in uow.services.list_for_organisation(organisation_id) if not s.restricted]
        allowances = {s.id: allowance_in_year(uow, s, year) for s in services}
        first, last = financial_year_dates(year)
        facts = _facts_by_service(uow.facts.billing_between(first, last, service_ids=list(allowances)))
        built_at = uow.facts.last_built_at()
    usage = []
    for s in services:
        its = facts.get(s.id, [])
        letters = [f for f in its if f.notification_type is NotificationType.LETTER]
        usage.append(ServiceUsage(s, allowances[s.id], sms_charges(its, allowances[s.id], first, last),
                                  volumes(letters), volumes(its).email_totals))
    return OrganisationUsage(sorted(usage, key=lambda u: (not u.service.active, u.service.name.lower())), built_at)
