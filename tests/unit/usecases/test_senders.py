"""The sender a send uses: read through the 2 s cache (no store round trip in the steady state), Notify's
message for an id that is archived or another service's, and a sender added a moment ago usable at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from notify.domain.errors import InvalidRequest
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases import senders
from notify.usecases.app import Notify

from ... import factories
from ...fakes import FrozenClock


@pytest.fixture
def opened(notify: Notify) -> tuple[Notify, list[int]]:
    """`notify` with a store that counts the units of work opened on it."""
    count = [0]
    real: Callable[[], UnitOfWork] = notify.uow

    def counting() -> UnitOfWork:
        count[0] += 1
        return real()

    return attrs.evolve(notify, uow=counting), count


def test_a_send_without_a_sender_id_reads_the_store_once_per_cache_period(
        opened: tuple[Notify, list[int]], clock: FrozenClock) -> None:
    notify, count = opened
    service = factories.create_service(notify)
    count[0] = 0
    assert senders.sms_sender_for(notify, service, None) == "GOVUK"
    assert senders.reply_to_for(notify, service, None) is None
    assert count[0] == 2
    for _ in range(5):
        assert senders.sms_sender_for(notify, service, None) == "GOVUK"
        assert senders.reply_to_for(notify, service, None) is None
    assert count[0] == 2  # steady state: no round trip at all
    clock.advance(seconds=3)
    senders.sms_sender_for(notify, service, None)
    assert count[0] == 3  # the entry expired: read again


def test_a_chosen_sender_is_used_normalised_and_a_new_one_is_usable_at_once(notify: Notify) -> None:
    service = factories.create_service(notify)
    assert senders.sms_sender_for(notify, service, None) == "GOVUK"  # the list is cached now
    number = senders.add_sms_sender(notify, service.id, sms_sender="07700900111", is_default=False)
    other = senders.add_sms_sender(notify, service.id, sms_sender="Tax", is_default=True)
    assert senders.sms_sender_for(notify, service, number.id) == "447700900111"
    assert senders.sms_sender_for(notify, service, None) == "Tax"
    reply_to = senders.add_reply_to(notify, service.id, email_address="replies@example.gov.uk", is_default=True)
    assert senders.reply_to_for(notify, service, reply_to.id) == "replies@example.gov.uk"
    assert senders.reply_to_for(notify, service, None) == "replies@example.gov.uk"
    assert other.is_default


def test_an_archived_or_another_services_sender_is_refused_with_notifys_message(notify: Notify) -> None:
    service, someone_else = factories.create_service(notify), factories.create_service(notify)
    theirs = senders.add_sms_sender(notify, someone_else.id, sms_sender="Theirs", is_default=False)
    mine = senders.add_sms_sender(notify, service.id, sms_sender="Mine", is_default=False)
    senders.archive_sms_sender(notify, service.id, mine.id)
    their_reply_to = senders.add_reply_to(notify, someone_else.id, email_address="a@example.gov.uk", is_default=True)
    cases: list[tuple[Any, str]] = [
        (lambda: senders.sms_sender_for(notify, service, theirs.id),
         f"sms_sender_id {theirs.id} does not exist in database for service id {service.id}"),
        (lambda: senders.sms_sender_for(notify, service, mine.id),
         f"sms_sender_id {mine.id} does not exist in database for service id {service.id}"),
        (lambda: senders.reply_to_for(notify, service, their_reply_to.id),
         f"email_reply_to_id {their_reply_to.id} does not exist in database for service id {service.id}"),
    ]
    for call, message in cases:
        with pytest.raises(InvalidRequest) as raised:
            call()
        assert raised.value.message == message


def test_a_service_without_any_stored_sender_sends_as_govuk(notify: Notify) -> None:
    service = factories.service()
    with notify.uow() as uow:
        uow.services.add(service)
        uow.commit()
    assert senders.sms_sender_for(notify, service, None) == "GOVUK"
    added = senders.add_sms_sender(notify, service.id, sms_sender="Extra", is_default=False)
    listed = senders.list_sms_senders(notify, service.id)
    assert [(s.sms_sender, s.is_default) for s in listed] == [("GOVUK", True), ("Extra", False)]
    assert senders.sms_sender_for(notify, service, added.id) == "Extra"
