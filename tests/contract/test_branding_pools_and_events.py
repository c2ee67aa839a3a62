"""Organisations' branding pools, archived email branding, recorded events and protected sender ids, on every
store."""

from __future__ import annotations

from uuid import uuid4

import pytest

from notify.domain import errors
from notify.domain.event import Event

from .helpers import T0, NewUow, email_branding, later, letter_branding, organisation


def test_a_pool_holds_each_branding_once_per_organisation_and_kind(new_uow: NewUow) -> None:
    org, other = organisation(), organisation()
    blue, red = email_branding(), email_branding()
    letter = letter_branding()
    with new_uow() as uow:
        for o in (org, other):
            uow.organisations.add(o)
        for b in (blue, red):
            uow.email_branding.add(b)
        uow.letter_branding.add(letter)
        uow.branding_pools.add(org.id, "email", [blue.id, red.id, blue.id])
        uow.branding_pools.add(org.id, "email", [red.id])
        uow.branding_pools.add(other.id, "email", [blue.id])
        uow.branding_pools.add(org.id, "letter", [letter.id])
        uow.commit()
    with new_uow() as uow:
        assert sorted(uow.branding_pools.list(org.id, "email"), key=str) == sorted([blue.id, red.id], key=str)
        assert uow.branding_pools.list(org.id, "letter") == [letter.id]
        assert uow.branding_pools.remove(org.id, "email", red.id)
        assert not uow.branding_pools.remove(org.id, "email", red.id)
        assert not uow.branding_pools.remove(org.id, "letter", blue.id)
        uow.branding_pools.remove_everywhere("email", blue.id)
        uow.commit()
    with new_uow() as uow:
        assert uow.branding_pools.list(org.id, "email") == [] == uow.branding_pools.list(other.id, "email")
        assert uow.branding_pools.list(org.id, "letter") == [letter.id]


def test_an_archived_email_branding_is_kept_but_no_longer_listed(new_uow: NewUow) -> None:
    kept, gone = email_branding(name="Kept"), email_branding(name="Gone")
    with new_uow() as uow:
        uow.email_branding.add(kept)
        uow.email_branding.add(gone)
        uow.email_branding.update(gone.archived(now=later()))
        uow.commit()
    with new_uow() as uow:
        assert uow.email_branding.list() == [kept]
        archived = uow.email_branding.get(gone.id)
        assert not archived.active and archived.name.startswith("_archived_") and archived.name.endswith("_Gone")
        uow.email_branding.add(email_branding(name="Gone"))  # the old name is free again


def test_an_event_is_kept_as_recorded(new_uow: NewUow) -> None:
    event = Event(id=uuid4(), event_type="sucessful_login", created_at=T0,
                  data={"user_id": str(uuid4()), "nested": {"n": 1, "list": [True, None]}})
    with new_uow() as uow:
        uow.events.add(event)
        uow.commit()
    with new_uow() as uow:
        assert uow.events.get(event.id) == event
        with pytest.raises(errors.NotFound):
            uow.events.get(uuid4())


def test_protected_sender_ids(new_uow: NewUow) -> None:
    with new_uow() as uow:
        uow.protected_sender_ids.add("bank")
        uow.protected_sender_ids.add("bank")
        uow.commit()
    with new_uow() as uow:
        assert uow.protected_sender_ids.is_protected("bank")
        assert not uow.protected_sender_ids.is_protected("bank2")
