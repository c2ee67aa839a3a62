"""Platform statistics and billing reports on the admin API, in Notify's shapes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.facts import ProcessingTimeFact
from notify.domain.platform_stats import ChannelCounts, LetterPrintRow, Volumes
from notify.usecases.platform_stats import BillingReportRow, LiveService, ServiceRow, ServiceUsage, ServiceVolumes

from .fields import QUERY_MAX_LENGTH, optional

Day = date  # some classes below have a field named `date`

# Letters counted on the day their facts fall (no print provider's despatch file here): no sorted-mail discount.
COST_THRESHOLD = "unsorted"


@define(kw_only=True)
class DateRangeQuery:
    """Read as text: Notify's own message answers a malformed date."""

    start_date: str | None = optional(max_length=QUERY_MAX_LENGTH)
    end_date: str | None = optional(max_length=QUERY_MAX_LENGTH)


def _organisation(row: ServiceRow) -> tuple[str, str]:
    return (str(row.organisation.id), row.organisation.name) if row.organisation else ("", "")


@define(kw_only=True)
class DailyVolumesOut:
    day: str
    sms_totals: int
    sms_fragment_totals: int
    sms_chargeable_units: int
    email_totals: int
    letter_totals: int
    letter_sheet_totals: int

    @classmethod
    def of(cls, day: date, v: Volumes) -> DailyVolumesOut:
        return cls(day=day.isoformat(), sms_totals=v.sms_totals, sms_fragment_totals=v.sms_fragment_totals,
                   sms_chargeable_units=v.sms_chargeable_units, email_totals=v.email_totals,
                   letter_totals=v.letter_totals, letter_sheet_totals=v.letter_sheet_totals)


@define(kw_only=True)
class ProviderVolumesOut:
    day: str
    provider: str
    sms_totals: int
    sms_fragment_totals: int
    sms_chargeable_units: int
    sms_cost: float

    @classmethod
    def of(cls, key: tuple[date, str], v: Volumes) -> ProviderVolumesOut:
        return cls(day=key[0].isoformat(), provider=key[1], sms_totals=v.sms_totals,
                   sms_fragment_totals=v.sms_fragment_totals, sms_chargeable_units=v.sms_chargeable_units,
                   sms_cost=v.sms_cost)


@define(kw_only=True)
class ServiceVolumesOut:
    service_name: str
    service_id: UUID
    organisation_name: str
    organisation_id: str
    free_allowance: int
    sms_notifications: int
    sms_chargeable_units: int
    email_totals: int
    letter_totals: int
    letter_sheet_totals: int
    letter_cost: float

    @classmethod
    def of(cls, s: ServiceVolumes) -> ServiceVolumesOut:
        org_id, org_name = _organisation(s.row)
        v = s.volumes
        return cls(service_name=s.row.service.name, service_id=s.row.service.id, organisation_name=org_name,
                   organisation_id=org_id, free_allowance=s.free_allowance, sms_notifications=v.sms_totals,
                   sms_chargeable_units=v.sms_chargeable_units, email_totals=v.email_totals,
                   letter_totals=v.letter_totals, letter_sheet_totals=v.letter_sheet_totals,
                   letter_cost=v.letter_cost)


@define(kw_only=True)
class BillingReportOut:
    organisation_id: str
    organisation_name: str
    service_id: UUID
    service_name: str
    sms_cost: float
    sms_chargeable_units: int
    total_letters: int
    letter_cost: float
    letter_breakdown: str
    purchase_order_number: str | None
    contact_names: str | None
    contact_email_addresses: str | None
    billing_reference: str | None

    @classmethod
    def of(cls, b: BillingReportRow) -> BillingReportOut:
        org_id, org_name = _organisation(b.row)
        s = b.row.service
        return cls(organisation_id=org_id, organisation_name=org_name, service_id=s.id, service_name=s.name,
                   sms_cost=b.sms.cost, sms_chargeable_units=b.sms.charged_units, total_letters=b.letters.letter_totals,
                   letter_cost=b.letters.letter_cost, letter_breakdown=b.letter_breakdown,
                   purchase_order_number=s.purchase_order_number, contact_names=s.billing_contact_names,
                   contact_email_addresses=s.billing_contact_email_addresses, billing_reference=s.billing_reference)


@define(kw_only=True)
class LettersPrintedOut:
    date: str
    postage: str
    cost_threshold: str
    sheets: int
    rate: float
    letters: int
    cost: float

    @classmethod
    def of(cls, r: LetterPrintRow) -> LettersPrintedOut:
        return cls(date=r.day.isoformat(), postage=r.postage, cost_threshold=COST_THRESHOLD, sheets=r.sheets,
                   rate=r.rate, letters=r.letters, cost=r.cost)


@define(kw_only=True)
class DayCountsOut:
    date: str
    emails: int
    sms: int
    letters: int

    @classmethod
    def of(cls, day: Day, c: ChannelCounts) -> DayCountsOut:
        return cls(date=day.isoformat(), emails=c.emails, sms=c.sms, letters=c.letters)


@define(kw_only=True)
class ServiceUsingNotifyOut:
    service_id: UUID
    service_name: str
    organisation_id: UUID | None
    organisation_name: str | None

    @classmethod
    def of(cls, r: ServiceRow) -> ServiceUsingNotifyOut:
        return cls(service_id=r.service.id, service_name=r.service.name,
                   organisation_id=r.organisation.id if r.organisation else None,
                   organisation_name=r.organisation.name if r.organisation else None)


@define(kw_only=True)
class ProcessingTimeOut:
    """A day's share of API texts and emails sent within 10 seconds of being created."""

    date: str  # YYYY-MM-DD
    percentage_under_10_seconds: float

    @classmethod
    def of(cls, f: ProcessingTimeFact) -> ProcessingTimeOut:
        return cls(date=f.bst_date.isoformat(), percentage_under_10_seconds=f.percentage_under_10_seconds)


@define(kw_only=True)
class DashboardOut:
    total_notifications: int
    email_notifications: int
    sms_notifications: int
    letter_notifications: int
    notifications_by_type: list[DayCountsOut]
    processing_time: list[ProcessingTimeOut]
    live_service_count: int
    services_using_notify: list[ServiceUsingNotifyOut]


@define(kw_only=True)
class LiveServiceOut:
    service_id: UUID
    service_name: str
    organisation_name: str | None
    organisation_type: str | None
    consent_to_research: bool | None
    contact_name: str | None
    contact_email: str | None
    contact_mobile: str | None
    live_date: datetime | None
    sms_volume_intent: int | None
    email_volume_intent: int | None
    letter_volume_intent: int | None
    email_totals: int
    sms_totals: int
    letter_totals: int
    free_sms_fragment_limit: int

    @classmethod
    def of(cls, live: LiveService) -> LiveServiceOut:
        s, org, user, v = live.row.service, live.row.organisation, live.go_live_user, live.volumes
        return cls(service_id=s.id, service_name=s.name, organisation_name=org.name if org else None,
                   organisation_type=org.organisation_type if org else None,
                   consent_to_research=s.consent_to_research, contact_name=user.name if user else None,
                   contact_email=user.email_address if user else None,
                   contact_mobile=user.mobile_number if user else None, live_date=s.go_live_at,
                   sms_volume_intent=s.volume_sms, email_volume_intent=s.volume_email,
                   letter_volume_intent=s.volume_letter, email_totals=v.email_totals, sms_totals=v.sms_totals,
                   letter_totals=v.letter_totals, free_sms_fragment_limit=live.free_sms_fragment_limit)


@define(kw_only=True)
class ServiceUsageOut:
    service_id: UUID
    service_name: str
    free_sms_limit: int
    sms_remainder: int
    sms_billable_units: int
    chargeable_billable_sms: int
    sms_cost: float
    letter_cost: float
    emails_sent: int
    active: bool

    @classmethod
    def of(cls, u: ServiceUsage) -> ServiceUsageOut:
        return cls(service_id=u.service.id, service_name=u.service.name, free_sms_limit=u.free_sms_limit,
                   sms_remainder=u.sms.free_allowance_left, sms_billable_units=u.sms.chargeable_units,
                   chargeable_billable_sms=u.sms.charged_units, sms_cost=u.sms.cost,
                   letter_cost=u.letters.letter_cost, emails_sent=u.emails_sent, active=u.service.active)


@define(kw_only=True)
class OrganisationUsageOut:
    services: list[ServiceUsageOut]
    updated_at: datetime | None = None  # when the facts were last built
