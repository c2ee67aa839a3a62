"""A service's free text message allowance and its usage by month or financial year, read from the daily
billing facts (today's, where the year includes today, are rebuilt for the service first, as Notify does)."""

from __future__ import annotations

from uuid import UUID

from notify.domain import errors
from notify.domain.billing import (
    AnnualBilling, Usage, allowance_for_year, check_year_for_default, default_allowance, financial_year_dates,
    financial_year_of, sms_fragments, usage,
)
from notify.domain.constants import NotificationType
from notify.domain.facts import uk_date
from notify.domain.service import Service
from notify.ports.unit_of_work import UnitOfWork

from . import facts
from .app import Notify


def current_financial_year(notify: Notify) -> int:
    return financial_year_of(uk_date(notify.clock.now()))


def free_allowance(notify: Notify, service_id: UUID, year: int | None = None) -> AnnualBilling:
    """The service's allowance for the financial year (this one by default); where it has none yet, Notify's
    default for it is set and returned (only for years from 2016 to this one: others are a 400)."""
    current = current_financial_year(notify)
    year = current if year is None else year
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        held = uow.annual_billing.get(service_id, year)
        if held is not None:
            return held
        check_year_for_default(year, current)
        first, last = financial_year_dates(current - 1)
        allowance = allowance_for_year(
            service.organisation_type, year, last_year=uow.annual_billing.get(service_id, year - 1),
            fragments_last_year=sms_fragments(uow.facts.billing_between(first, last, service_ids=[service_id])))
        billing = AnnualBilling(id=notify.ids.new(), service_id=service_id, financial_year_start=year,
                                free_sms_fragment_limit=allowance.free_sms_fragment_limit,
                                high_volume_service_last_year=allowance.high_volume_service_last_year,
                                has_custom_allowance=allowance.has_custom_allowance, created_at=notify.clock.now())
        try:
            uow.annual_billing.put(billing)
        except errors.AlreadyExists:  # another request set the default first
            return _stored(notify, service_id, year)
        uow.commit()
    return billing


def new_service_allowance(notify: Notify, service: Service) -> AnnualBilling:
    """This financial year's allowance for a service being created: the default for its organisation type
    (Notify stores it with the service, so reports that list services with an allowance include it)."""
    year = current_financial_year(notify)
    return AnnualBilling(id=notify.ids.new(), service_id=service.id, financial_year_start=year,
                         free_sms_fragment_limit=default_allowance(service.organisation_type, year),
                         created_at=notify.clock.now())


def _stored(notify: Notify, service_id: UUID, year: int) -> AnnualBilling:
    with notify.uow() as uow:
        found = uow.annual_billing.get(service_id, year)
    assert found is not None
    return found


def set_free_allowance(notify: Notify, service_id: UUID, free_sms_fragment_limit: int) -> None:
    """Set this financial year's allowance; it counts as the service's own unless it equals the default."""
    if free_sms_fragment_limit < 0:
        raise errors.ValidationFailed({"free_sms_fragment_limit": ["must be 0 or more"]})
    year, now = current_financial_year(notify), notify.clock.now()
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        custom = free_sms_fragment_limit != default_allowance(service.organisation_type, year)
        held = uow.annual_billing.get(service_id, year)
        uow.annual_billing.put(
            held.changed(free_sms_fragment_limit=free_sms_fragment_limit, has_custom_allowance=custom, now=now)
            if held is not None else
            AnnualBilling(id=notify.ids.new(), service_id=service_id, financial_year_start=year,
                          free_sms_fragment_limit=free_sms_fragment_limit, has_custom_allowance=custom,
                          created_at=now))
        uow.commit()


def allowance_in_year(uow: UnitOfWork, service: Service, year: int) -> int:
    """The service's free fragments for the year: its own where stored, else the default it would get."""
    held = uow.annual_billing.get(service.id, year)
    return held.free_sms_fragment_limit if held is not None else default_allowance(service.organisation_type, year)


def _usage(notify: Notify, service_id: UUID, year: int, *, by_month: bool) -> list[Usage]:
    first, last = financial_year_dates(year)
    with notify.read_uow() as uow:
        service = uow.services.get(service_id)
        return usage(uow.facts.billing_between(first, last, service_ids=[service_id]),
                     allowance_in_year(uow, service, year), by_month=by_month)


def monthly_usage(notify: Notify, service_id: UUID, year: int) -> list[Usage]:
    """Texts and letters by month and rate over financial year `year` (emails cost nothing: left out)."""
    today = uk_date(notify.clock.now())
    first, last = financial_year_dates(year)
    with notify.read_uow() as uow:
        uow.services.get(service_id)
    if first <= today <= last:
        try:
            facts.build_day(notify, today, service_ids=[service_id])
        except errors.AlreadyExists:  # another request built today's facts at the same moment: they are as new
            pass
    return [u for u in _usage(notify, service_id, year, by_month=True)
            if u.notification_type is not NotificationType.EMAIL]


def yearly_usage(notify: Notify, service_id: UUID, year: int) -> list[Usage]:
    """Every channel's usage over financial year `year`, by rate."""
    return _usage(notify, service_id, year, by_month=False)
