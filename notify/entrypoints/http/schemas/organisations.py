"""Organisations: creation and changes, links to services and users, and how an organisation is shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.constants import OrganisationType
from notify.domain.organisation import Organisation

from .fields import Changes, optional, required


@define(kw_only=True)
class OrganisationFields(Changes):
    """Everything the admin app may set on an organisation (all optional: updates are partial)."""

    name: str = optional(max_length=255, not_blank=True)
    active: bool = optional()
    crown: bool | None = optional()
    organisation_type: OrganisationType | None = optional()
    domains: list[str] = optional()
    agreement_signed: bool | None = optional()
    agreement_signed_at: datetime | None = optional()
    agreement_signed_by_id: UUID | None = optional()
    agreement_signed_on_behalf_of_name: str | None = optional(max_length=255)
    agreement_signed_on_behalf_of_email_address: str | None = optional(max_length=255)
    agreement_signed_version: float | None = optional()
    billing_contact_email_addresses: str | None = optional()
    billing_contact_names: str | None = optional()
    billing_reference: str | None = optional(max_length=255)
    purchase_order_number: str | None = optional(max_length=255)
    notes: str | None = optional()
    email_branding_id: UUID | None = optional()
    letter_branding_id: UUID | None = optional()

    def organisation_changes(self) -> dict[str, Any]:
        """The named fields in the domain's terms (the type's value, domains normalised)."""
        values = self.changed()
        if values.get("organisation_type") is not None:
            values["organisation_type"] = values["organisation_type"].value
        if "domains" in values:
            values["domains"] = frozenset(d.strip().lower() for d in values["domains"] if d.strip())
        return values


@define(kw_only=True)
class CreateOrganisation(OrganisationFields):
    name: str = required(max_length=255, not_blank=True)
    organisation_type: OrganisationType = required()


@define(kw_only=True)
class LinkService:
    service_id: UUID = required()


@define(kw_only=True)
class OrganisationPermission:
    permission: str = required()


@define(kw_only=True)
class AddOrganisationUser:
    permissions: list[OrganisationPermission] = optional(factory=list)


@define(kw_only=True)
class OrganisationOut:
    id: UUID
    name: str
    active: bool
    crown: bool | None
    organisation_type: str | None
    domains: list[str]
    agreement_signed: bool | None
    agreement_signed_at: datetime | None
    agreement_signed_by_id: UUID | None
    agreement_signed_version: float | None
    agreement_signed_on_behalf_of_name: str | None
    agreement_signed_on_behalf_of_email_address: str | None
    email_branding_id: UUID | None
    letter_branding_id: UUID | None
    billing_contact_email_addresses: str | None
    billing_contact_names: str | None
    billing_reference: str | None
    purchase_order_number: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime | None

    @classmethod
    def of(cls, o: Organisation) -> OrganisationOut:
        return cls(
            id=o.id, name=o.name, active=o.active, crown=o.crown, organisation_type=o.organisation_type,
            domains=sorted(o.domains), agreement_signed=o.agreement_signed,
            agreement_signed_at=o.agreement_signed_at, agreement_signed_by_id=o.agreement_signed_by_id,
            agreement_signed_version=o.agreement_signed_version,
            agreement_signed_on_behalf_of_name=o.agreement_signed_on_behalf_of_name,
            agreement_signed_on_behalf_of_email_address=o.agreement_signed_on_behalf_of_email_address,
            email_branding_id=o.email_branding_id, letter_branding_id=o.letter_branding_id,
            billing_contact_email_addresses=o.billing_contact_email_addresses,
            billing_contact_names=o.billing_contact_names, billing_reference=o.billing_reference,
            purchase_order_number=o.purchase_order_number, notes=o.notes, created_at=o.created_at,
            updated_at=o.updated_at)


@define(kw_only=True)
class OrganisationSummary:
    id: UUID
    name: str
    active: bool
    organisation_type: str | None
    domains: list[str]

    @classmethod
    def of(cls, o: Organisation) -> OrganisationSummary:
        return cls(id=o.id, name=o.name, active=o.active, organisation_type=o.organisation_type,
                   domains=sorted(o.domains))


@define(kw_only=True)
class OrganisationService:
    id: UUID
    name: str
    active: bool
    restricted: bool


@define(kw_only=True)
class DomainQuery:
    domain: str = required(max_length=255, not_blank=True)


@define(kw_only=True)
class NameQuery:
    name: str = required(max_length=255, not_blank=True)
