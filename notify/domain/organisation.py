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


@frozen(kw_only=True)
class OrganisationUser:
    """A user's membership of an organisation (Notify's user_to_organisation) and their permissions there."""

    organisation_id: UUID
    user_id: UUID
    permissions: frozenset[str] = field(factory=frozenset, converter=frozen_strings)
    created_at: datetime | None = None
