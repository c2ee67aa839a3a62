"""Text message senders and email reply-to addresses: the same behaviour on every store."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain import errors
from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def sms_sender(service_id: UUID, **kw: Any) -> ServiceSmsSender:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "sms_sender": "GOVUK", "is_default": True,
                              "created_at": T0}
    return ServiceSmsSender(**{**values, **kw})


def reply_to(service_id: UUID, **kw: Any) -> ServiceEmailReplyTo:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "email_address": "replies@example.gov.uk",
                              "is_default": True, "created_at": T0}
    return ServiceEmailReplyTo(**{**values, **kw})


def _store(new_uow: NewUow, *items: ServiceSmsSender | ServiceEmailReplyTo) -> None:
    with new_uow() as uow:
        for item in items:
            repository = uow.sms_senders if isinstance(item, ServiceSmsSender) else uow.email_reply_to
            repository.add(item)  # type: ignore[attr-defined]
        uow.commit()


def test_sms_sender_round_trips_and_updates(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    sender = sms_sender(service.id, inbound_number_id=uuid4(), sms_sender="07700900111")
    _store(new_uow, sender)
    changed = sender.changed(now=later(hours=1), is_default=False)
    with new_uow() as uow:
        assert uow.sms_senders.get(service.id, sender.id) == sender
        uow.sms_senders.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.sms_senders.get(service.id, sender.id) == changed


def test_another_services_sender_is_not_found(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    sender, address = sms_sender(service.id), reply_to(service.id)
    _store(new_uow, sender, address)
    with new_uow() as uow:
        with pytest.raises(errors.SmsSenderNotFound):
            uow.sms_senders.get(other.id, sender.id)
        with pytest.raises(errors.ReplyToNotFound):
            uow.email_reply_to.get(other.id, address.id)
        with pytest.raises(errors.SmsSenderNotFound):
            uow.sms_senders.update(sms_sender(service.id))
        with pytest.raises(errors.ReplyToNotFound):
            uow.email_reply_to.update(reply_to(service.id))


def test_adding_the_same_id_twice_or_the_same_inbound_number_raises_already_exists(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    number = uuid4()
    sender = sms_sender(service.id, inbound_number_id=number)
    _store(new_uow, sender)
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.sms_senders.add(sender)
        with pytest.raises(errors.AlreadyExists):
            uow.sms_senders.add(sms_sender(service.id, inbound_number_id=number))
        uow.sms_senders.add(sms_sender(service.id, is_default=False))  # the refused writes left the uow usable
        uow.commit()
    with new_uow() as uow:
        assert len(uow.sms_senders.list_for_service(service.id)) == 2


def test_sms_senders_list_default_first_then_oldest_without_archived(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    old = sms_sender(service.id, sms_sender="OLD", is_default=False, created_at=T0)
    default = sms_sender(service.id, sms_sender="NEW", created_at=later(hours=2))
    newer = sms_sender(service.id, sms_sender="NEWER", is_default=False, created_at=later(hours=3))
    gone = sms_sender(service.id, sms_sender="GONE", is_default=False, archived=True, created_at=later(hours=1))
    _store(new_uow, newer, gone, default, old, sms_sender(other.id))
    with new_uow() as uow:
        assert uow.sms_senders.list_for_service(service.id) == [default, old, newer]
        assert uow.sms_senders.list_for_service(service.id, include_archived=True) == [default, old, gone, newer]
        assert uow.sms_senders.list_for_service(uuid4()) == []


def test_senders_are_found_by_any_spelling_of_their_number_inbound_numbers_first(new_uow: NewUow) -> None:
    first, second, third = add_service(new_uow), add_service(new_uow), add_service(new_uow)
    plain = sms_sender(first.id, sms_sender="07700900111", created_at=T0)
    inbound = sms_sender(second.id, sms_sender="07700900111", inbound_number_id=uuid4(), created_at=later(hours=1))
    archived = sms_sender(third.id, sms_sender="07700900111", archived=True, is_default=False)
    _store(new_uow, plain, inbound, archived, sms_sender(third.id, sms_sender="07700900222"))
    with new_uow() as uow:
        found = uow.sms_senders.list_by_sms_sender({"07700900111", "447700900111", "+447700900111"})
        assert found == [inbound, plain]
        assert uow.sms_senders.list_by_sms_sender({"07700900999"}) == []
        assert uow.sms_senders.list_by_sms_sender(set()) == []


def test_reply_tos_round_trip_and_list_default_first_then_newest(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    default = reply_to(service.id, email_address="a@example.gov.uk", created_at=T0)
    older = reply_to(service.id, email_address="b@example.gov.uk", is_default=False, created_at=later(hours=1))
    newer = reply_to(service.id, email_address="c@example.gov.uk", is_default=False, created_at=later(hours=2))
    gone = reply_to(service.id, email_address="d@example.gov.uk", is_default=False, archived=True,
                    created_at=later(hours=3))
    _store(new_uow, older, default, gone, newer)
    with new_uow() as uow:
        assert uow.email_reply_to.get(service.id, older.id) == older
        assert uow.email_reply_to.list_for_service(service.id) == [default, newer, older]
        assert uow.email_reply_to.list_for_service(service.id, include_archived=True) == [default, gone, newer, older]
        archived = newer.changed(now=later(hours=4), archived=True)
        uow.email_reply_to.update(archived)
        uow.commit()
    with new_uow() as uow:
        assert uow.email_reply_to.list_for_service(service.id) == [default, older]
        assert uow.email_reply_to.get(service.id, newer.id) == archived


def test_nothing_persists_without_commit(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    with new_uow() as uow:
        uow.sms_senders.add(sms_sender(service.id))
        uow.email_reply_to.add(reply_to(service.id))
    with new_uow() as uow:
        assert uow.sms_senders.list_for_service(service.id) == []
        assert uow.email_reply_to.list_for_service(service.id) == []



def test_a_service_has_at_most_one_live_default_of_each_kind(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    sender, address = sms_sender(service.id), reply_to(service.id)
    _store(new_uow, sender, address, sms_sender(other.id), reply_to(other.id))
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.sms_senders.add(sms_sender(service.id))
        with pytest.raises(errors.AlreadyExists):
            uow.email_reply_to.add(reply_to(service.id))
        second = sms_sender(service.id, is_default=False)
        uow.sms_senders.add(second)
        with pytest.raises(errors.AlreadyExists):
            uow.sms_senders.update(second.changed(now=later(hours=1), is_default=True))
        uow.sms_senders.update(sender.changed(now=later(hours=1), is_default=False))  # demote first, then promote
        uow.sms_senders.update(second.changed(now=later(hours=1), is_default=True))
        uow.email_reply_to.add(reply_to(service.id, is_default=True, archived=True))  # archived ones do not count
        uow.commit()
    with new_uow() as uow:
        assert [s.id for s in uow.sms_senders.list_for_service(service.id) if s.is_default] == [second.id]
