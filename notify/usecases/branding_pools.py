"""An organisation's branding pools: the email and letter brandings its services are offered."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.branding import BrandingKind, EmailBranding, LetterBranding
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify


def email_branding_pool(notify: Notify, organisation_id: UUID) -> Sequence[EmailBranding]:
    with notify.read_uow() as uow:
        chosen = set(_pool(uow, organisation_id, "email"))
        return [b for b in uow.email_branding.list() if b.id in chosen]


def letter_branding_pool(notify: Notify, organisation_id: UUID) -> Sequence[LetterBranding]:
    with notify.read_uow() as uow:
        chosen = set(_pool(uow, organisation_id, "letter"))
        return [b for b in uow.letter_branding.list() if b.id in chosen]


def add_to_pool(notify: Notify, organisation_id: UUID, kind: BrandingKind, branding_ids: Sequence[UUID]) -> None:
    """Ids of brandings that do not exist (or are archived) are passed over, as Notify does."""
    with notify.uow() as uow:
        uow.organisations.get(organisation_id)
        known = {b.id for b in (uow.email_branding.list() if kind == "email" else uow.letter_branding.list())}
        uow.branding_pools.add(organisation_id, kind, [i for i in branding_ids if i in known])
        uow.commit()


def remove_from_pool(notify: Notify, organisation_id: UUID, kind: BrandingKind, branding_id: UUID) -> None:
    with notify.uow() as uow:
        organisation = uow.organisations.get(organisation_id)
        if branding_id not in _pool(uow, organisation_id, kind):
            raise errors.NotFound(f"{kind.capitalize()} branding {branding_id} not in {organisation.name}'s pool")
        if kind == "letter" and organisation.letter_branding_id == branding_id:
            raise errors.InvalidRequest("You cannot remove an organisation's default letter branding")
        uow.branding_pools.remove(organisation_id, kind, branding_id)
        uow.commit()


def _pool(uow: UnitOfWork, organisation_id: UUID, kind: BrandingKind) -> Sequence[UUID]:
    uow.organisations.get(organisation_id)  # OrganisationNotFound for an unknown one
    return uow.branding_pools.list(organisation_id, kind)
