"""Organisations own services and carry agreement and billing details."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, field, frozen

from .sets import frozen_strings


@frozen(kw_only=True)
class Organisation:
    id: UUID
    name: str
    created_at: datetime
    active: bool = True
    organisation_type: str | None = None
    crown: bool | None = None
    agreement_signed: bool | None = None
    agreement_signed_at: datetime | None = None
    agreement_signed_by_id: UUID | None = None
    agreement_signed_on_behalf_of_name: str | None = None
    agreement_signed_on_behalf_of_email_address: str | None = None
    agreement_signed_version: float | None = None
    billing_contact_email_addresses: str | None = None
    billing_contact_names: str | None = None
    billing_reference: str | None = None
    purchase_order_number: str | None = None
    notes: str | None = None
    email_branding_id: UUID | None = None
    letter_branding_id: UUID | None = None
    domains: frozenset[str] = field(factory=frozenset, converter=frozen_strings)
    updated_at: datetime | None = None

    def changed(self, *, now: datetime, **changes: object) -> Organisation:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]

    def archived(self, *, now: datetime) -> Organisation:
        """Out of use: inactive, its brandings and domains let go (a new organisation may claim the domains),
        and renamed so its name is free again."""
        return self.changed(now=now, active=False, email_branding_id=None, letter_branding_id=None,
                            domains=frozenset(), name=f"_archived_{now:%Y-%m-%d_%H:%M:%S}_{self.name}")

    def owns_email_domain(self, domain: str) -> str | None:
        """The longest of this organisation's domains that `domain` is, or is a subdomain of (None if none):
        mail from team.cabinet-office.gov.uk belongs to the owner of cabinet-office.gov.uk."""
        domain = domain.lower()
        matches = [d for d in self.domains if domain == d.lower() or domain.endswith("." + d.lower())]
        return max(matches, key=len) if matches else None


@frozen(kw_only=True)
class OrganisationUser:
    """A user's membership of an organisation (Notify's user_to_organisation) and their permissions there."""

    organisation_id: UUID
    user_id: UUID
    permissions: frozenset[str] = field(factory=frozenset, converter=frozen_strings)
    created_at: datetime | None = None
