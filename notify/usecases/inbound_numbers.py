"""The pool of numbers people can text services on, as Notify's platform admins manage it: list the pool and what
is free, give a service a number (it then sends from it too), turn a service's number off, and stop a service
receiving texts (its number released to the pool or retired, its senders on that number gone)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.constants import ServicePermission
from notify.domain.inbound_number import InboundNumber, InboundNumberNotFound
from notify.domain.notification_filter import NotificationFilter
from notify.domain.sender import ServiceSmsSender, number_spellings, sender_number
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .senders import store_new_sms_sender


@frozen
class InboundNumberView:
    number: InboundNumber
    service_name: str | None  # None while no service holds it


def add_inbound_numbers(notify: Notify, numbers: Iterable[str], *, provider: str) -> Sequence[InboundNumber]:
    """Put numbers bought from `provider` into the pool (an operator's task: Notify has no route for it)."""
    now = notify.clock.now()
    added = [InboundNumber(id=notify.ids.new(), number=number, provider=provider, created_at=now)
             for number in numbers]
    with notify.uow() as uow:
        for number in added:
            uow.inbound_numbers.add(number)
        uow.commit()
    return added


def list_inbound_numbers(notify: Notify) -> Sequence[InboundNumberView]:
    with notify.read_uow() as uow:
        return _views(uow, uow.inbound_numbers.list_all())


def list_available_numbers(notify: Notify) -> Sequence[InboundNumberView]:
    with notify.read_uow() as uow:
        return _views(uow, uow.inbound_numbers.list_available())


def number_for_service(notify: Notify, service_id: UUID) -> InboundNumberView | None:
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        found = uow.inbound_numbers.for_service(service_id)
        return _views(uow, [found])[0] if found else None


def give_number_to_service(notify: Notify, service_id: UUID, inbound_number_id: UUID | None) -> ServiceSmsSender:
    """The service's texts come from, and replies go to, the number chosen (else the first free one): a
    service with a single sender has it turned into the number, any other gets a new default sender."""
    now = notify.clock.now()
    with notify.uow() as uow:
        uow.services.get(service_id)
        if uow.inbound_numbers.for_service(service_id) is not None:
            raise errors.InvalidRequest(f"Service {service_id} already has an inbound number")
        if inbound_number_id is None:
            available = uow.inbound_numbers.list_available()
            if not available:
                raise errors.InvalidRequest("There are no available inbound numbers")
            inbound_number_id = available[0].id
        number = uow.inbound_numbers.give_to_service(inbound_number_id, service_id, now=now)
        if number is None:
            raise errors.InvalidRequest(f"Inbound number: {inbound_number_id} is not available")
        senders = list(uow.sms_senders.list_for_service(service_id))
        if len(senders) == 1:
            sender = senders[0].changed(now=now, sms_sender=number.number, inbound_number_id=number.id)
            uow.sms_senders.update(sender)
        else:
            sender = ServiceSmsSender(id=notify.ids.new(), service_id=service_id, sms_sender=number.number,
                                      is_default=True, inbound_number_id=number.id, created_at=now)
            store_new_sms_sender(uow, sender, senders, now=now)
        uow.commit()
    notify.cache.forget_service(service_id)
    return sender


def turn_off_number(notify: Notify, service_id: UUID) -> None:
    """The service keeps its number, but texts to it are no longer taken."""
    with notify.uow() as uow:
        number = _service_number(uow, service_id)
        uow.inbound_numbers.update(number.switched(active=False, now=notify.clock.now()))
        uow.commit()


def most_recent_usage(notify: Notify, service_id: UUID) -> datetime | None:
    """When the service's number was last used: the later of its last text sent from it and last text received
    on it (None when neither)."""
    with notify.read_uow() as uow:
        number = _service_number(uow, service_id, message="inbound not found")
        sent = uow.notifications.page_matching(
            service_id, NotificationFilter(reply_to_text=sender_number(number.number), include_test_key=True),
            offset=0, limit=1)
        received = uow.inbound_sms.list_for_service(service_id, notify_numbers=number_spellings(number.number)
                                                    | {number.number}, limit=1)
    return max([*(n.created_at for n in sent), *(m.created_at for m in received)], default=None)


def stop_receiving_texts(notify: Notify, service_id: UUID, *, archive: bool) -> None:
    """Notify's "remove inbound SMS": the service loses the permission and its senders on its number, and the
    number goes back to the pool (or, `archive`, out of use for good)."""
    now = notify.clock.now()
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        if service.has_permission(ServicePermission.INBOUND_SMS):
            uow.services.update(service.changed(
                now=now, permissions=service.permissions - {ServicePermission.INBOUND_SMS.value}))
        for sender in uow.sms_senders.list_for_service(service_id):
            if sender.inbound_number_id is not None:  # let go of the number so another service may take it
                uow.sms_senders.update(sender.changed(now=now, archived=True, is_default=False,
                                                      inbound_number_id=None))
        number = uow.inbound_numbers.for_service(service_id)
        if number is not None and number.active:
            uow.inbound_numbers.update(number.let_go(retire=archive, now=now))
        uow.commit()
    notify.cache.forget_service(service_id)


def _service_number(uow: UnitOfWork, service_id: UUID, message: str = "No result found") -> InboundNumber:
    uow.services.get(service_id)
    number = uow.inbound_numbers.for_service(service_id)
    if number is None:
        raise InboundNumberNotFound(message)
    return number


def _views(uow: UnitOfWork, numbers: Iterable[InboundNumber]) -> list[InboundNumberView]:
    names: dict[UUID, str] = {}
    views = []
    for number in numbers:
        if number.service_id is not None and number.service_id not in names:
            names[number.service_id] = uow.services.get(number.service_id).name
        views.append(InboundNumberView(number, names.get(number.service_id) if number.service_id else None))
    return views
