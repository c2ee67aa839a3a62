from __future__ import annotations

from uuid import uuid4

import pytest
from attrs import evolve

from notify.domain import errors
from notify.domain.organisation import OrganisationUser
from tests.fakes import T0

from .helpers import NewUow, add_service, add_user, later, organisation


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


# -- organisation users -----------------------------------------------------------------------------

def test_organisation_members_round_trip_and_are_listed(new_uow: NewUow) -> None:
    org, other = organisation(), organisation()
    ada, bob = add_user(new_uow), add_user(new_uow)
    with new_uow() as uow:
        uow.organisations.add(org)
        uow.organisations.add(other)
        uow.commit()
    members = [OrganisationUser(organisation_id=org.id, user_id=ada.id, permissions={"can_make_services_live"},
                                created_at=T0),
               OrganisationUser(organisation_id=org.id, user_id=bob.id),
               OrganisationUser(organisation_id=other.id, user_id=ada.id, created_at=T0)]
    with new_uow() as uow:
        for member in members:
            uow.organisation_users.add(member)
        with pytest.raises(errors.AlreadyExists):
            uow.organisation_users.add(members[0])
        uow.commit()
    with new_uow() as uow:
        assert uow.organisation_users.find(org.id, ada.id) == members[0]
        assert uow.organisation_users.find(org.id, uuid4()) is None
        assert uow.organisation_users.list_for_organisation(org.id) == sorted(members[:2], key=lambda m: str(m.user_id))
        assert uow.organisation_users.list_for_user(ada.id) == sorted([members[0], members[2]],
                                                                      key=lambda m: str(m.organisation_id))


def test_organisation_member_update_and_remove(new_uow: NewUow) -> None:
    org = organisation()
    ada = add_user(new_uow)
    member = OrganisationUser(organisation_id=org.id, user_id=ada.id, permissions={"a"})
    with new_uow() as uow:
        uow.organisations.add(org)
        uow.organisation_users.add(member)
        uow.commit()
    changed = evolve(member, permissions={"b", "c"})
    with new_uow() as uow:
        uow.organisation_users.update(changed)
        with pytest.raises(errors.UserNotFound):
            uow.organisation_users.update(OrganisationUser(organisation_id=org.id, user_id=uuid4()))
        uow.commit()
    with new_uow() as uow:
        assert uow.organisation_users.find(org.id, ada.id) == changed
        uow.organisation_users.remove(org.id, ada.id)
        with pytest.raises(errors.UserNotFound):
            uow.organisation_users.remove(org.id, ada.id)
        uow.commit()
    with new_uow() as uow:
        assert uow.organisation_users.list_for_organisation(org.id) == []


def test_services_are_listed_by_organisation_by_name(new_uow: NewUow) -> None:
    org = organisation()
    with new_uow() as uow:
        uow.organisations.add(org)
        uow.commit()
    owner = add_user(new_uow)
    b = add_service(new_uow, owner, name="b service", organisation_id=org.id)
    a = add_service(new_uow, owner, name="A service", organisation_id=org.id)
    add_service(new_uow, owner, name="elsewhere")
    with new_uow() as uow:
        assert uow.services.list_for_organisation(org.id) == [a, b]
        assert uow.services.list_for_organisation(uuid4()) == []
