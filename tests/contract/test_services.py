"""Services (versioned, with permissions), their guest lists and their members."""

from __future__ import annotations

from uuid import uuid4

import pytest
from attrs import evolve

from notify.domain import errors
from notify.domain.constants import GuestListRecipientType
from notify.domain.service import GuestListEntry, ServiceUser
from tests import factories
from tests.fakes import T0

from .helpers import NewUow, add_service, add_user, later, organisation


def test_service_round_trips_unchanged(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    org = organisation()
    with new_uow() as uow:
        uow.organisations.add(org)
        uow.commit()
    service = factories.service(
        created_by=owner.id, permissions={"sms", "email", "international_sms"}, restricted=False,
        organisation_id=org.id, organisation_type="central", rate_limit=10, sms_message_limit=5_000_000_000,
        go_live_at=later(days=2), go_live_user_id=owner.id, volume_sms=100, consent_to_research=True,
        notes="notes", email_sender_local_part="my.service")
    with new_uow() as uow:
        uow.services.add(service)
        uow.commit()
    with new_uow() as uow:
        assert uow.services.get(service.id) == service


def test_unknown_service_raises_not_found(new_uow: NewUow) -> None:
    with new_uow() as uow, pytest.raises(errors.ServiceNotFound):
        uow.services.get(uuid4())


def test_service_names_are_unique(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.services.add(factories.service(name=service.name, created_by=service.created_by))
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.services.add(factories.service(id=service.id, created_by=service.created_by))
    other = add_service(new_uow)
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.services.update(other.changed(now=later(hours=1), name=service.name))


def test_every_version_is_kept_in_history(new_uow: NewUow) -> None:
    service = add_service(new_uow, permissions={"sms"})
    second = service.changed(now=later(hours=1), name="Renamed", permissions={"sms", "email"})
    third = second.changed(now=later(hours=2), restricted=False)
    for version in (second, third):
        with new_uow() as uow:
            uow.services.update(version)
            uow.commit()
    with new_uow() as uow:
        assert uow.services.get(service.id) == third
        assert uow.services.history(service.id) == [service, second, third]
        assert uow.services.history(uuid4()) == []


def test_update_must_carry_the_next_version(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    with new_uow() as uow, pytest.raises(errors.ConcurrentUpdate):
        uow.services.update(evolve(service, name="Same version"))
    with new_uow() as uow, pytest.raises(errors.ConcurrentUpdate):
        uow.services.update(evolve(service, version=3))
    with new_uow() as uow, pytest.raises(errors.ServiceNotFound):
        uow.services.update(factories.service(version=2))
    with new_uow() as uow:
        assert uow.services.history(service.id) == [service]


def test_find_by_name_ignores_case(new_uow: NewUow) -> None:
    service = add_service(new_uow, name="Tax Reminders")
    with new_uow() as uow:
        assert uow.services.find_by_name("tax reminders") == service
        assert uow.services.find_by_name("tax") is None


def test_list_orders_by_creation_and_filters(new_uow: NewUow) -> None:
    owner, stranger = add_user(new_uow), add_user(new_uow)
    late = add_service(new_uow, owner, created_at=later(hours=1))
    early = add_service(new_uow, owner, created_at=T0)
    inactive = add_service(new_uow, stranger, created_at=later(hours=2), active=False)
    with new_uow() as uow:
        assert uow.services.list() == [early, late, inactive]
        assert uow.services.list(only_active=True) == [early, late]
        assert uow.services.list(user_id=stranger.id) == [inactive]
        assert uow.services.list(user_id=stranger.id, only_active=True) == []
        assert uow.services.list(user_id=uuid4()) == []


def test_search_by_name_is_a_case_insensitive_fragment_match_ordered_by_name(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    b = add_service(new_uow, owner, name="b Tax office")
    a = add_service(new_uow, owner, name="Council TAX")
    add_service(new_uow, owner, name="Parking")
    percent = add_service(new_uow, owner, name="100% tax_free")
    with new_uow() as uow:
        assert uow.services.search_by_name("tax") == [percent, a, b]
        assert uow.services.search_by_name("0%") == [percent]
        assert uow.services.search_by_name("x_f") == [percent]
        assert uow.services.search_by_name("nothing") == []


# -- guest list -------------------------------------------------------------------------------------

def _guest(service_id, kind, recipient):  # type: ignore[no-untyped-def]
    return GuestListEntry(id=uuid4(), service_id=service_id, recipient_type=kind, recipient=recipient, created_at=T0)


def test_guest_list_is_replaced_whole_and_keeps_its_order(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    first = [_guest(service.id, GuestListRecipientType.MOBILE, "07700 900123"),
             _guest(service.id, GuestListRecipientType.MOBILE, "+1 202 555 0143"),
             _guest(service.id, GuestListRecipientType.EMAIL, "a@example.com")]
    with new_uow() as uow:
        assert uow.guest_list.list_for_service(service.id) == []
        uow.guest_list.replace(service.id, first)
        uow.commit()
    with new_uow() as uow:
        assert uow.guest_list.list_for_service(service.id) == first
        second = [_guest(service.id, GuestListRecipientType.EMAIL, "b@example.com")]
        uow.guest_list.replace(service.id, second)
        uow.commit()
    with new_uow() as uow:
        assert uow.guest_list.list_for_service(service.id) == second
        uow.guest_list.replace(service.id, [])
        uow.commit()
    with new_uow() as uow:
        assert uow.guest_list.list_for_service(service.id) == []


# -- members ----------------------------------------------------------------------------------------

def test_members_round_trip_with_permissions_and_folders(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    user = add_user(new_uow)
    member = ServiceUser(service_id=service.id, user_id=user.id, permissions={"send_texts", "manage_users"},
                         folder_permissions={uuid4(), uuid4()}, created_at=T0)
    with new_uow() as uow:
        uow.service_users.add(member)
        uow.commit()
    with new_uow() as uow:
        assert uow.service_users.find(service.id, user.id) == member
        assert uow.service_users.find(service.id, uuid4()) is None
        with pytest.raises(errors.AlreadyExists):
            uow.service_users.add(member)


def test_member_update_replaces_permissions(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    user = add_user(new_uow)
    member = ServiceUser(service_id=service.id, user_id=user.id, permissions={"send_texts"}, created_at=T0)
    changed = evolve(member, permissions={"manage_templates"}, folder_permissions={uuid4()})
    with new_uow() as uow:
        uow.service_users.add(member)
        uow.service_users.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.service_users.find(service.id, user.id) == changed
        with pytest.raises(errors.NotFound):
            uow.service_users.update(ServiceUser(service_id=service.id, user_id=uuid4()))


def test_members_are_listed_by_service_and_by_user_and_removed(new_uow: NewUow) -> None:
    owner = add_user(new_uow)
    one, two = add_service(new_uow, owner), add_service(new_uow, owner)
    colleague = add_user(new_uow)
    with new_uow() as uow:
        uow.service_users.add(ServiceUser(service_id=one.id, user_id=colleague.id, permissions={"view_activity"}))
        uow.commit()
    with new_uow() as uow:
        by_service = uow.service_users.list_for_service(one.id)
        assert {m.user_id for m in by_service} == {owner.id, colleague.id}
        assert by_service == sorted(by_service, key=lambda m: (str(m.service_id), str(m.user_id)))
        by_user = uow.service_users.list_for_user(owner.id)
        assert [m.service_id for m in by_user] == sorted([one.id, two.id], key=str)
        uow.service_users.remove(one.id, colleague.id)
        uow.commit()
    with new_uow() as uow:
        assert [m.user_id for m in uow.service_users.list_for_service(one.id)] == [owner.id]
        with pytest.raises(errors.UserNotFound):
            uow.service_users.remove(one.id, colleague.id)
