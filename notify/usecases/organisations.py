"""Organisations: the bodies that own services; their details, services and members."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from uuid import UUID

from notify.domain import errors
from notify.domain.organisation import Organisation, OrganisationUser
from notify.domain.service import Service
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify


def create_organisation(notify: Notify, *, name: str, **details: Any) -> Organisation:
    organisation = Organisation(id=notify.ids.new(), name=name, created_at=notify.clock.now(), **details)
    with notify.uow() as uow:
        if any(o.name.lower() == name.lower() for o in uow.organisations.list()):
            raise errors.InvalidRequest("Organisation name already exists", field="name")
        taken = sorted({d for o in uow.organisations.list() for d in o.domains} & organisation.domains)
        if taken:
            raise errors.InvalidRequest(f"Domain already exists: {', '.join(taken)}", field="domains")
        _check_references(uow, details)
        uow.organisations.add(organisation)
        uow.commit()
    return organisation


def get_organisation(notify: Notify, organisation_id: UUID) -> Organisation:
    with notify.uow() as uow:
        return uow.organisations.get(organisation_id)


def list_organisations(notify: Notify) -> Sequence[Organisation]:
    with notify.uow() as uow:
        return uow.organisations.list()


# What the admin app may change on an organisation (the seed's agreement and billing fields included).
UPDATABLE = frozenset({
    "name", "active", "crown", "organisation_type", "agreement_signed", "agreement_signed_at",
    "agreement_signed_by_id", "agreement_signed_on_behalf_of_name", "agreement_signed_on_behalf_of_email_address",
    "agreement_signed_version", "billing_contact_email_addresses", "billing_contact_names", "billing_reference",
    "purchase_order_number", "notes", "email_branding_id", "letter_branding_id", "domains",
})


def update_organisation(notify: Notify, organisation_id: UUID, changes: Mapping[str, Any]) -> Organisation:
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise errors.ValidationFailed({name: ["Unknown field."] for name in sorted(unknown)})
    with notify.uow() as uow:
        organisation = uow.organisations.get(organisation_id)
        name = changes.get("name")
        if name is not None and name.lower() != organisation.name.lower() and any(
                o.name.lower() == name.lower() for o in uow.organisations.list()):
            raise errors.InvalidRequest("Organisation name already exists", field="name")
        if changes.get("domains"):
            taken = {d for o in uow.organisations.list() if o.id != organisation_id for d in o.domains}
            clash = sorted(set(changes["domains"]) & taken)
            if clash:
                raise errors.InvalidRequest(f"Domain already exists: {', '.join(clash)}", field="domains")
        _check_references(uow, changes)
        if all(getattr(organisation, key) == value for key, value in changes.items()):
            return organisation
        updated = organisation.changed(now=notify.clock.now(), **changes)
        uow.organisations.update(updated)
        uow.commit()
    return updated


def organisation_by_domain(notify: Notify, domain: str) -> Organisation:
    """The organisation whose domain is the most specific match for an email address at `domain`."""
    if "@" in domain:
        raise errors.InvalidRequest("Give the domain, not an email address", field="domain")
    with notify.read_uow() as uow:
        matches = [(match, o) for o in uow.organisations.list()
                   if (match := o.owns_email_domain(domain)) is not None]
    if not matches:
        raise errors.OrganisationNotFound("Organisation not found")
    return max(matches, key=lambda m: len(m[0]))[1]


def search_organisations(notify: Notify, name: str) -> Sequence[Organisation]:
    """Organisations whose name contains `name`, whatever its case, by name."""
    wanted = name.lower()
    with notify.read_uow() as uow:
        return [o for o in uow.organisations.list() if wanted in o.name.lower()]


def archive_organisation(notify: Notify, organisation_id: UUID) -> None:
    """Only an organisation without active services or team members can be archived; archiving twice is fine."""
    with notify.uow() as uow:
        organisation = uow.organisations.get(organisation_id)
        if any(s.active for s in uow.services.list_for_organisation(organisation_id)):
            raise errors.InvalidRequest("Cannot archive an organisation with active services")
        if uow.organisation_users.list_for_organisation(organisation_id):
            raise errors.InvalidRequest("Cannot archive an organisation with team members or invited team members")
        if organisation.active:
            uow.organisations.update(organisation.archived(now=notify.clock.now()))
            uow.commit()


def link_service(notify: Notify, organisation_id: UUID, service_id: UUID) -> Service:
    """The service now belongs to the organisation and takes its type (a new service version)."""
    with notify.uow() as uow:
        organisation = uow.organisations.get(organisation_id)
        try:
            service = uow.services.get(service_id)
        except errors.ServiceNotFound:
            raise errors.InvalidRequest(f"No service found with id {service_id}", field="service_id") from None
        changes: dict[str, Any] = {"organisation_id": organisation.id}
        if organisation.organisation_type is not None:
            changes["organisation_type"] = organisation.organisation_type
        if all(getattr(service, key) == value for key, value in changes.items()):
            return service
        updated = service.changed(now=notify.clock.now(), **changes)
        uow.services.update(updated)
        uow.commit()
    return updated


def organisation_services(notify: Notify, organisation_id: UUID) -> Sequence[Service]:
    """The organisation's services, active ones first, then by name."""
    with notify.uow() as uow:
        uow.organisations.get(organisation_id)
        return sorted(uow.services.list_for_organisation(organisation_id),
                      key=lambda s: (not s.active, s.name.lower()))


def add_user_to_organisation(notify: Notify, organisation_id: UUID, user_id: UUID, *,
                             permissions: Iterable[str] = ()) -> User:
    with notify.uow() as uow:
        uow.organisations.get(organisation_id)
        user = uow.users.get(user_id)
        if uow.organisation_users.find(organisation_id, user_id) is None:
            uow.organisation_users.add(OrganisationUser(organisation_id=organisation_id, user_id=user_id,
                                                        permissions=permissions, created_at=notify.clock.now()))
            uow.commit()
    return user


def remove_user_from_organisation(notify: Notify, organisation_id: UUID, user_id: UUID) -> None:
    with notify.uow() as uow:
        uow.organisations.get(organisation_id)
        uow.organisation_users.remove(organisation_id, user_id)
        uow.commit()


def organisation_users(notify: Notify, organisation_id: UUID) -> Sequence[User]:
    with notify.uow() as uow:
        uow.organisations.get(organisation_id)
        members = uow.organisation_users.list_for_organisation(organisation_id)
        return uow.users.list([m.user_id for m in members])


def _check_references(uow: UnitOfWork, changes: Mapping[str, Any]) -> None:
    """Ids given in a body must exist: otherwise a 400 naming the field (not a 404: the URL was fine)."""
    lookups = {"email_branding_id": (uow.email_branding.get, "No email branding found with id {}"),
               "letter_branding_id": (uow.letter_branding.get, "No letter branding found with id {}"),
               "agreement_signed_by_id": (uow.users.get, "No user found with id {}")}
    for name, (get, message) in lookups.items():
        if changes.get(name) is not None:
            try:
                get(changes[name])
            except errors.NotFound:
                raise errors.InvalidRequest(message.format(changes[name]), field=name) from None
