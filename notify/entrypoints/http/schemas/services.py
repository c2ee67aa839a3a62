"""Services: creation and settings, members, the guest list, the list's and statistics' queries, and how a
service and its history are shown."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType, OrganisationType, ServicePermission, TemplateType
from notify.domain.service import Service
from notify.domain.template import Template
from notify.usecases.service_views import ServiceView

from .fields import MAX_DAYS, Changes, optional, required
from .users import PermissionEntry

# Wire names that differ from the domain's attribute names.
RENAMED = {"email_branding": "email_branding_id", "letter_branding": "letter_branding_id",
           "organisation": "organisation_id", "go_live_user": "go_live_user_id"}
# Sent by Notify's admin app, meaningful only to it: accepted and ignored.
IGNORED = ("created_by", "confirmed_unique", "has_active_go_live_request", "confirmed_email_sender_name", "id")
Stats = dict[str, dict[str, int]]  # channel -> requested / delivered / failed


@define(kw_only=True)
class ServiceSettings(Changes):
    """Every service setting the admin API accepts (all optional; creation adds name and user_id)."""

    name: str = optional(max_length=255, not_blank=True)
    active: bool = optional()
    restricted: bool = optional()
    organisation_type: OrganisationType | None = optional()
    permissions: list[ServicePermission] = optional()
    rate_limit: int = optional(minimum=0)
    sms_message_limit: int = optional(minimum=0)
    email_message_limit: int = optional(minimum=0)
    letter_message_limit: int = optional(minimum=0)
    international_sms_message_limit: int = optional(minimum=0)
    prefix_sms: bool = optional()
    count_as_live: bool = optional()
    email_sender_local_part: str = optional(max_length=255, not_blank=True)
    custom_email_sender_name: str | None = optional(max_length=255)
    contact_link: str | None = optional(max_length=255)
    email_branding: UUID | None = optional()
    letter_branding: UUID | None = optional()
    organisation: UUID | None = optional()
    billing_contact_email_addresses: str | None = optional()
    billing_contact_names: str | None = optional()
    billing_reference: str | None = optional(max_length=255)
    purchase_order_number: str | None = optional(max_length=255)
    notes: str | None = optional()
    consent_to_research: bool | None = optional()
    go_live_at: datetime | None = optional()
    go_live_user: UUID | None = optional()
    volume_email: int | None = optional(minimum=0)
    volume_sms: int | None = optional(minimum=0)
    volume_letter: int | None = optional(minimum=0)
    created_by: UUID = optional()
    confirmed_unique: bool = optional()
    has_active_go_live_request: bool = optional()
    confirmed_email_sender_name: bool = optional()
    id: UUID = optional()

    def settings(self) -> dict[str, Any]:
        """The named settings in the domain's terms."""
        values = {name: value for name, value in self.changed().items() if name not in IGNORED}
        if "permissions" in values:
            values["permissions"] = frozenset(p.value for p in values["permissions"])
        if values.get("organisation_type") is not None:
            values["organisation_type"] = values["organisation_type"].value
        return {RENAMED.get(name, name): value for name, value in values.items()}


@define(kw_only=True)
class CreateService(ServiceSettings):
    name: str = required(max_length=255, not_blank=True)
    user_id: UUID = required()


@define(kw_only=True)
class AddServiceUser:
    permissions: list[PermissionEntry] = optional(factory=list)
    folder_permissions: list[UUID] = optional(factory=list)


@define(kw_only=True)
class GuestList:
    email_addresses: list[str] = optional(factory=list)
    phone_numbers: list[str] = optional(factory=list)


@define(kw_only=True)
class ServicesQuery:
    user_id: UUID | None = optional()
    only_active: bool = optional(default=False)
    detailed: bool = optional(default=False)
    start_date: date | None = optional()
    end_date: date | None = optional()
    include_from_test_key: bool = optional(default=True)


@define(kw_only=True)
class FindServicesQuery:
    service_name: str = required(blank_is_missing=True)


@define(kw_only=True)
class ServiceQuery:
    detailed: bool = optional(default=False)
    today_only: bool = optional(default=False)


@define(kw_only=True)
class StatisticsQuery:
    today_only: bool = optional(default=False)
    limit_days: int = optional(default=7, minimum=1, maximum=MAX_DAYS)


@define(kw_only=True)
class MonthlyQuery:
    year: int = required(minimum=2000, maximum=9998, message="Year must be a number")


@define(kw_only=True)
class MemberRef:
    id: UUID
    name: str


@define(kw_only=True)
class ServiceOut:
    id: UUID
    name: str
    active: bool
    restricted: bool
    created_at: datetime
    updated_at: datetime | None
    created_by: UUID
    version: int
    organisation: UUID | None
    organisation_type: str | None
    organisation_name: str | None
    email_branding: UUID | None
    letter_branding: UUID | None
    permissions: list[str]
    rate_limit: int
    sms_message_limit: int
    email_message_limit: int
    letter_message_limit: int
    international_sms_message_limit: int
    count_as_live: bool
    prefix_sms: bool
    email_sender_local_part: str | None
    custom_email_sender_name: str | None
    contact_link: str | None
    billing_contact_email_addresses: str | None
    billing_contact_names: str | None
    billing_reference: str | None
    purchase_order_number: str | None
    notes: str | None
    consent_to_research: bool | None
    go_live_at: datetime | None
    go_live_user: UUID | None
    volume_email: int | None
    volume_sms: int | None
    volume_letter: int | None
    service_callback_api: list[Any]
    statistics: Stats | None = optional(omit_if_none=True)  # with ?detailed=true
    users: list[MemberRef] | None = optional(omit_if_none=True)  # when a member was just added

    @classmethod
    def of(cls, view: ServiceView, *, users: list[MemberRef] | None = None) -> ServiceOut:
        s, organisation_name, statistics = view.service, view.organisation_name, view.statistics
        return cls(
            id=s.id, name=s.name, active=s.active, restricted=s.restricted, created_at=s.created_at,
            updated_at=s.updated_at, created_by=s.created_by, version=s.version, organisation=s.organisation_id,
            organisation_type=s.organisation_type, organisation_name=organisation_name,
            email_branding=s.email_branding_id, letter_branding=s.letter_branding_id,
            permissions=sorted(s.permissions), rate_limit=s.rate_limit, sms_message_limit=s.sms_message_limit,
            email_message_limit=s.email_message_limit, letter_message_limit=s.letter_message_limit,
            international_sms_message_limit=s.international_sms_message_limit, count_as_live=s.count_as_live,
            prefix_sms=s.prefix_sms, email_sender_local_part=s.email_sender_local_part,
            custom_email_sender_name=s.custom_email_sender_name, contact_link=s.contact_link,
            billing_contact_email_addresses=s.billing_contact_email_addresses,
            billing_contact_names=s.billing_contact_names, billing_reference=s.billing_reference,
            purchase_order_number=s.purchase_order_number, notes=s.notes,
            consent_to_research=s.consent_to_research, go_live_at=s.go_live_at, go_live_user=s.go_live_user_id,
            volume_email=s.volume_email, volume_sms=s.volume_sms, volume_letter=s.volume_letter,
            service_callback_api=[], statistics=statistics, users=users)


@define(kw_only=True)
class FoundService:
    id: UUID
    name: str
    active: bool
    restricted: bool
    organisation_name: str | None

    @classmethod
    def of(cls, view: ServiceView) -> FoundService:
        s = view.service
        return cls(id=s.id, name=s.name, active=s.active, restricted=s.restricted,
                   organisation_name=view.organisation_name)


@define(kw_only=True)
class ServiceVersionOut:
    id: UUID
    name: str
    version: int
    created_at: datetime
    updated_at: datetime | None
    active: bool
    restricted: bool
    created_by_id: UUID
    sms_message_limit: int
    email_message_limit: int
    letter_message_limit: int
    custom_email_sender_name: str | None
    email_sender_local_part: str | None

    @classmethod
    def of(cls, s: Service) -> ServiceVersionOut:
        return cls(id=s.id, name=s.name, version=s.version, created_at=s.created_at, updated_at=s.updated_at,
                   active=s.active, restricted=s.restricted, created_by_id=s.created_by,
                   sms_message_limit=s.sms_message_limit, email_message_limit=s.email_message_limit,
                   letter_message_limit=s.letter_message_limit, custom_email_sender_name=s.custom_email_sender_name,
                   email_sender_local_part=s.email_sender_local_part)


@define(kw_only=True)
class ApiKeyVersionOut:
    id: UUID
    name: str
    service_id: UUID
    key_type: KeyType
    expiry_date: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    updated_at: datetime | None
    created_by_id: UUID
    version: int

    @classmethod
    def of(cls, k: ApiKey) -> ApiKeyVersionOut:
        return cls(id=k.id, name=k.name, service_id=k.service_id, key_type=k.key_type, expiry_date=k.expiry_date,
                   revoked_at=k.expiry_date, created_at=k.created_at, updated_at=k.updated_at,
                   created_by_id=k.created_by, version=k.version)


@define(kw_only=True)
class TemplateVersionRef:
    id: UUID
    name: str
    template_type: TemplateType
    version: int
    archived: bool
    created_at: datetime
    updated_at: datetime | None
    created_by_id: UUID

    @classmethod
    def of(cls, t: Template) -> TemplateVersionRef:
        return cls(id=t.id, name=t.name, template_type=t.template_type, version=t.version, archived=t.archived,
                   created_at=t.created_at, updated_at=t.updated_at, created_by_id=t.created_by)


@define(kw_only=True)
class ServiceHistoryOut:
    service_history: list[ServiceVersionOut]
    api_key_history: list[ApiKeyVersionOut]
    template_history: list[TemplateVersionRef]


@define(kw_only=True)
class GuestListOut:
    email_addresses: list[str]
    phone_numbers: list[str]
