"""Letters reported returned: one row per letter however often reported, listed per service latest report
first; letters found by their provider reference. On every store."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from notify.domain.constants import NotificationType
from notify.domain.returned_letter import ReturnedLetter
from tests import factories
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def returned(service_id: UUID, notification_id: UUID, day: date = date(2026, 6, 15)) -> ReturnedLetter:
    return ReturnedLetter(id=uuid4(), service_id=service_id, notification_id=notification_id, reported_at=day,
                          created_at=T0)


def test_each_letter_is_recorded_once_and_listed_with_its_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    first, second = uuid4(), uuid4()
    older = returned(service.id, first, date(2026, 6, 1))
    newer = returned(service.id, second)
    theirs = returned(other.id, uuid4())
    with new_uow() as uow:
        assert uow.returned_letters.add_new([older, newer, theirs, returned(service.id, second)]) == 3
        uow.commit()
    with new_uow() as uow:
        assert uow.returned_letters.add_new([returned(service.id, first, date(2026, 6, 15))]) == 0
        assert uow.returned_letters.list_for_service(service.id) == [newer, older]
        assert uow.returned_letters.list_for_service(service.id, reported_at=date(2026, 6, 1)) == [older]
        assert uow.returned_letters.list_for_service(other.id) == [theirs]
        assert uow.returned_letters.add_new([]) == 0


def test_notifications_are_found_by_their_provider_references(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    mine = factories.notification(service.id, notification_type=NotificationType.LETTER, reference="REF1",
                                  created_at=later(minutes=1))
    theirs = factories.notification(other.id, notification_type=NotificationType.LETTER, reference="REF2",
                                    created_at=later(minutes=2))
    unsent = factories.notification(service.id)
    with new_uow() as uow:
        uow.notifications.add_many([mine, theirs, unsent])
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.find_by_references({"REF1", "REF2", "NONE"}) == [mine, theirs]
        assert uow.notifications.find_by_references(set()) == []


def test_letters_are_marked_returned_whatever_their_status(new_uow: NewUow) -> None:
    from notify.domain.constants import NotificationStatus

    service = add_service(new_uow)
    delivered = factories.notification(service.id, notification_type=NotificationType.LETTER,
                                       status=NotificationStatus.DELIVERED)
    sending = factories.notification(service.id, notification_type=NotificationType.LETTER,
                                     status=NotificationStatus.SENDING)
    untouched = factories.notification(service.id, notification_type=NotificationType.LETTER)
    with new_uow() as uow:
        uow.notifications.add_many([delivered, sending, untouched])
        uow.commit()
    with new_uow() as uow:
        uow.notifications.mark_returned([delivered.id, sending.id, uuid4()], now=later(minutes=5))
        uow.notifications.mark_returned([], now=later(minutes=5))
        uow.commit()
    with new_uow() as uow:
        found = {n.id: n for n in uow.notifications.find_many([delivered.id, sending.id, untouched.id])}
    assert {(found[i].status, found[i].updated_at) for i in (delivered.id, sending.id)} == {
        (NotificationStatus.RETURNED_LETTER, later(minutes=5))}
    assert found[untouched.id].status is NotificationStatus.CREATED
