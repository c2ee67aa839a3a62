from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain import errors

from .helpers import NewUow, later, organisation


def test_organisation_round_trips_with_its_domains(new_uow: NewUow) -> None:
    org = organisation(organisation_type="central", crown=True, agreement_signed=True,
                       agreement_signed_at=later(days=1), agreement_signed_version=2.5,
                       domains={"example.gov.uk", "cabinet-office.gov.uk"}, notes="n")
    with new_uow() as uow:
        uow.organisations.add(org)
        uow.commit()
    with new_uow() as uow:
        assert uow.organisations.get(org.id) == org
        with pytest.raises(errors.OrganisationNotFound):
            uow.organisations.get(uuid4())


def test_organisation_names_are_unique_whatever_their_case(new_uow: NewUow) -> None:
    org = organisation(name="Cabinet Office")
    with new_uow() as uow:
        uow.organisations.add(org)
        uow.commit()
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.organisations.add(organisation(name="cabinet office"))
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.organisations.add(organisation(id=org.id))


def test_update_replaces_domains_and_list_orders_by_name(new_uow: NewUow) -> None:
    b, a = organisation(name="b org", domains={"b.gov.uk"}), organisation(name="A org")
    with new_uow() as uow:
        uow.organisations.add(b)
        uow.organisations.add(a)
        uow.commit()
    changed = b.changed(now=later(hours=1), domains={"new.gov.uk", "other.gov.uk"}, crown=False)
    with new_uow() as uow:
        uow.organisations.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.organisations.list() == [a, changed]
        with pytest.raises(errors.OrganisationNotFound):
            uow.organisations.update(organisation())


def test_a_domain_belongs_to_one_organisation(new_uow: NewUow) -> None:
    first = organisation(domains={"example.gov.uk"})
    second = organisation(domains={"other.gov.uk"})
    with new_uow() as uow:
        uow.organisations.add(first)
        uow.organisations.add(second)
        uow.commit()
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.organisations.add(organisation(domains={"example.gov.uk", "new.gov.uk"}))
        with pytest.raises(errors.AlreadyExists):
            uow.organisations.update(second.changed(now=later(), domains={"example.gov.uk"}))
        assert uow.organisations.get(second.id) == second
