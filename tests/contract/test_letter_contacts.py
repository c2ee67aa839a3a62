"""Letter contact blocks: the same behaviour on every store."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain import errors
from notify.domain.letter_contact import ServiceLetterContact
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def contact(service_id: UUID, **kw: Any) -> ServiceLetterContact:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "contact_block": "1 Street\nTown",
                              "is_default": True, "created_at": T0}
    return ServiceLetterContact(**{**values, **kw})


def test_contact_round_trips_and_updates(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    block = contact(service.id, contact_block="Office\n1 Street\nTown SW1A 1AA")
    with new_uow() as uow:
        uow.letter_contacts.add(block)
        uow.commit()
    with new_uow() as uow:
        assert uow.letter_contacts.get(service.id, block.id) == block
        changed = block.changed(now=later(minutes=1), contact_block="New", is_default=False)
        uow.letter_contacts.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.letter_contacts.get(service.id, block.id) == changed


def test_another_services_contact_is_not_found(new_uow: NewUow) -> None:
    mine, theirs = add_service(new_uow), add_service(new_uow)
    block = contact(theirs.id)
    with new_uow() as uow:
        uow.letter_contacts.add(block)
        uow.commit()
    with new_uow() as uow, pytest.raises(errors.LetterContactNotFound):
        uow.letter_contacts.get(mine.id, block.id)
    with new_uow() as uow, pytest.raises(errors.LetterContactNotFound):
        uow.letter_contacts.update(contact(mine.id))


def test_list_is_live_default_first_then_newest(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    old = contact(service.id, is_default=False, created_at=later(minutes=1))
    default = contact(service.id, created_at=later(minutes=2))
    new = contact(service.id, is_default=False, created_at=later(minutes=3))
    gone = contact(service.id, is_default=False, archived=True, created_at=later(minutes=4))
    with new_uow() as uow:
        for block in (old, default, new, gone):
            uow.letter_contacts.add(block)
        uow.commit()
    with new_uow() as uow:
        assert [c.id for c in uow.letter_contacts.list_for_service(service.id)] == [default.id, new.id, old.id]


def test_two_live_defaults_are_refused(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    with new_uow() as uow:
        uow.letter_contacts.add(contact(service.id))
        uow.commit()
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.letter_contacts.add(contact(service.id))
