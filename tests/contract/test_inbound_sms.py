"""Inbound text messages: the same behaviour on every store, and their content encrypted at rest in SQL."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest
import sqlalchemy as sa

from notify.adapters.sqlalchemy import Cipher, SqlAlchemyUnitOfWork, tables
from notify.domain import errors
from notify.domain.errors import StoredDataUnreadable
from notify.domain.inbound_sms import InboundSms
from tests import storage
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def inbound(service_id: UUID, **kw: Any) -> InboundSms:
    values: dict[str, Any] = {"id": uuid4(), "service_id": service_id, "notify_number": "07700900111",
                              "user_number": "447700900222", "content": "Hello there", "provider": "fake",
                              "created_at": T0}
    return InboundSms(**{**values, **kw})


def _store(new_uow: NewUow, *messages: InboundSms) -> None:
    with new_uow() as uow:
        for message in messages:
            uow.inbound_sms.add(message)
        uow.commit()


def test_inbound_sms_round_trips_unchanged(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    message = inbound(service.id, provider_date=later(seconds=-5), provider_reference="ref-1",
                      content="Ünïcode, emoji 😀 and 'quotes'")
    _store(new_uow, message)
    with new_uow() as uow:
        assert uow.inbound_sms.get(service.id, message.id) == message
        with pytest.raises(errors.AlreadyExists):
            uow.inbound_sms.add(message)


def test_another_services_message_is_not_found(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    message = inbound(service.id)
    _store(new_uow, message)
    with new_uow() as uow:
        with pytest.raises(errors.InboundSmsNotFound):
            uow.inbound_sms.get(other.id, message.id)
        with pytest.raises(errors.InboundSmsNotFound):
            uow.inbound_sms.get(service.id, uuid4())
        assert uow.inbound_sms.list_for_service(other.id) == []
        assert uow.inbound_sms.count_for_service(other.id) == 0


def test_messages_list_newest_first_and_page_by_older_than(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    messages = [inbound(service.id, created_at=later(minutes=i), user_number=f"4477009002{i:02d}") for i in range(5)]
    theirs = inbound(other.id, created_at=later(minutes=10))
    _store(new_uow, *reversed(messages), theirs)
    newest_first = list(reversed(messages))
    with new_uow() as uow:
        assert uow.inbound_sms.list_for_service(service.id) == newest_first
        assert uow.inbound_sms.list_for_service(service.id, limit=2) == newest_first[:2]
        assert uow.inbound_sms.list_for_service(service.id, older_than=newest_first[1].id) == newest_first[2:]
        assert uow.inbound_sms.list_for_service(service.id, older_than=newest_first[1].id, limit=1) == \
            newest_first[2:3]
        assert uow.inbound_sms.list_for_service(service.id, older_than=theirs.id) == []
        assert uow.inbound_sms.list_for_service(service.id, older_than=uuid4()) == []
        assert uow.inbound_sms.list_for_service(service.id, limit=0) == []


def test_messages_filter_by_sender_and_time_and_count(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    early = inbound(service.id, created_at=T0, user_number="447700900222")
    late = inbound(service.id, created_at=later(days=2), user_number="447700900222")
    someone_else = inbound(service.id, created_at=later(days=3), user_number="447700900333")
    _store(new_uow, early, late, someone_else)
    with new_uow() as uow:
        assert uow.inbound_sms.list_for_service(service.id, user_number="447700900222") == [late, early]
        assert uow.inbound_sms.list_for_service(service.id, created_after=later(days=2)) == [someone_else, late]
        assert uow.inbound_sms.list_for_service(service.id, user_number="447700900222",
                                                created_after=later(days=1)) == [late]
        assert uow.inbound_sms.count_for_service(service.id) == 3
        assert uow.inbound_sms.count_for_service(service.id, created_after=later(days=2, seconds=1)) == 1


SQL_STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("store", SQL_STORES)
def test_content_is_stored_encrypted_and_the_wrong_key_fails_loudly(store: str) -> None:
    engine = storage.engine_for(store)
    storage.truncate_all(engine)
    cipher = Cipher(["key-one"])

    def new_uow() -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(engine, cipher)

    service = add_service(new_uow)
    message = inbound(service.id, content="plain-inbound-words")
    _store(new_uow, message)
    with engine.connect() as connection:
        stored = connection.execute(sa.select(tables.inbound_sms.c._content)).scalar_one()
    assert "plain-inbound-words" not in stored and cipher.decrypt(stored) == "plain-inbound-words"
    with SqlAlchemyUnitOfWork(engine, Cipher(["another-key"])) as uow, pytest.raises(StoredDataUnreadable):
        uow.inbound_sms.get(service.id, message.id)


def test_messages_to_some_spellings_of_a_number(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    to_ours = inbound(service.id, notify_number="07700900111", created_at=later(minutes=1))
    to_other = inbound(service.id, notify_number="GOVUK", created_at=later(minutes=2))
    _store(new_uow, to_ours, to_other)
    with new_uow() as uow:
        found = uow.inbound_sms.list_for_service(service.id, notify_numbers={"447700900111", "07700900111"})
        assert found == [to_ours]
        assert uow.inbound_sms.list_for_service(service.id, notify_numbers=set()) == []
