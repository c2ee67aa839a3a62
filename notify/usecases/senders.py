"""Text message senders and email reply-to addresses: Notify's admin rules (one default of each
kind), and the sender each send uses.

The send path reads a service's senders through the 2 s read cache, as it reads templates: a send without a
sender id costs no database round trip in the steady state. Admin writes forget this process's entry; other
processes see a change within the cache's TTL. An id missing from a cached list is looked up once afresh, so
a sender added a moment ago is usable at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from uuid import UUID

from notify.domain.errors import (
    InvalidRequest,
    ReplyToAlreadyInUse,
    ReplyToNotFound,
    SmsSenderNotFound,
    ValidationFailed,
)
from notify.domain.recipients import InvalidEmailAddress, validate_email_address
from notify.domain.sender import (
    DEFAULT_SMS_SENDER,
    Sender,
    ServiceEmailReplyTo,
    ServiceSmsSender,
    default_of,
    demoted,
)
from notify.domain.service import Service
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .cache import CacheKey, EmailReplyTos, SmsSenders

SMS_NEEDS_DEFAULT = "You must have at least one SMS sender as the default."
REPLY_TO_NEEDS_DEFAULT = "You must have at least one reply to email address as the default."


# -- the send path ---------------------------------------------------------------------------------------

def sms_sender_for(notify: Notify, service: Service, sms_sender_id: UUID | None) -> str:
    """What a text message is sent from: the chosen sender, else the service's default (GOVUK when it has
    none), as providers and the API show it (a phone number in its 447… form)."""
    if sms_sender_id is None:
        senders = notify.cache.get_or_load(SmsSenders(service.id), notify.clock.now(), _load_sms_senders, notify,
                                           service.id)
        default = default_of(senders)
        return default.from_number if default else DEFAULT_SMS_SENDER
    load = partial(_load_sms_senders, notify, service.id)
    sender = _cached_item(notify, SmsSenders(service.id), load, sms_sender_id)
    if sender is None:
        raise InvalidRequest(f"sms_sender_id {sms_sender_id} does not exist in database for service id {service.id}")
    return sender.from_number


def reply_to_for(notify: Notify, service: Service, email_reply_to_id: UUID | None) -> str | None:
    """Where replies to an email go: the chosen address, else the service's default (None when it has none)."""
    load = partial(_load_reply_tos, notify, service.id)
    if email_reply_to_id is None:
        default = default_of(_cached(notify, EmailReplyTos(service.id), load))
        return default.email_address if default else None
    reply_to = _cached_item(notify, EmailReplyTos(service.id), load, email_reply_to_id)
    if reply_to is None:
        raise InvalidRequest(f"email_reply_to_id {email_reply_to_id} does not exist in database for service id "
                             f"{service.id}")
    return reply_to.email_address


def _load_sms_senders(notify: Notify, service_id: UUID) -> tuple[ServiceSmsSender, ...]:
    with notify.uow() as uow:
        return tuple(uow.sms_senders.list_for_service(service_id))


def _load_reply_tos(notify: Notify, service_id: UUID) -> tuple[ServiceEmailReplyTo, ...]:
    with notify.uow() as uow:
        return tuple(uow.email_reply_to.list_for_service(service_id))


def _cached(notify: Notify, key: CacheKey[tuple[Sender, ...]], load: Callable[[], tuple[Sender, ...]]) -> tuple[Sender, ...]:
    return notify.cache.get_or_load(key, notify.clock.now(), load)


def _cached_item(notify: Notify, key: CacheKey[tuple[Sender, ...]], load: Callable[[], tuple[Sender, ...]],
                 item_id: UUID) -> Sender | None:
    """The live item `item_id` of a cached list; on a miss the list is read afresh once (it may be new)."""
    found = next((s for s in _cached(notify, key, load) if s.id == item_id), None)
    if found is None:
        notify.cache.forget(key)
        found = next((s for s in _cached(notify, key, load) if s.id == item_id), None)
    return found


# -- admin: text message senders -------------------------------------------------------------------------

def default_sms_sender(notify: Notify, service: Service) -> ServiceSmsSender:
    """The sender every new service starts with (Notify's insert_service_sms_sender)."""
    return ServiceSmsSender(id=notify.ids.new(), service_id=service.id, sms_sender=DEFAULT_SMS_SENDER,
                            is_default=True, created_at=service.created_at)


def list_sms_senders(notify: Notify, service_id: UUID) -> Sequence[ServiceSmsSender]:
    with notify.uow() as uow:
        uow.services.get(service_id)
        return uow.sms_senders.list_for_service(service_id)


def get_sms_sender(notify: Notify, service_id: UUID, sender_id: UUID) -> ServiceSmsSender:
    with notify.uow() as uow:
        return _live_sms_sender(uow, service_id, sender_id)


def add_sms_sender(notify: Notify, service_id: UUID, *, sms_sender: str, is_default: bool,
                   inbound_number_id: UUID | None = None) -> ServiceSmsSender:
    now = notify.clock.now()
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        current = list(uow.sms_senders.list_for_service(service_id))
        if not current:  # a service from before senders were stored sends as GOVUK: make that row real first
            current = [default_sms_sender(notify, service)]
            uow.sms_senders.add(current[0])
        if not is_default and default_of(current) is None:
            raise InvalidRequest(SMS_NEEDS_DEFAULT)
        sender = ServiceSmsSender(id=notify.ids.new(), service_id=service_id, sms_sender=sms_sender,
                                  is_default=is_default, inbound_number_id=inbound_number_id, created_at=now)
        store_new_sms_sender(uow, sender, current, now=now)
        uow.commit()
    notify.cache.forget_service(service_id)
    return sender


def store_new_sms_sender(uow: UnitOfWork, sender: ServiceSmsSender, current: Sequence[ServiceSmsSender], *,
                         now: datetime) -> None:
    """Add `sender`; when it is the default, the service's other senders (`current`) stop being one."""
    if sender.is_default:
        for old in demoted(current, keep=sender.id, now=now):
            uow.sms_senders.update(old)
    uow.sms_senders.add(sender)


def update_sms_sender(notify: Notify, service_id: UUID, sender_id: UUID, *, sms_sender: str,
                      is_default: bool) -> ServiceSmsSender:
    now = notify.clock.now()
    with notify.uow() as uow:
        sender = _live_sms_sender(uow, service_id, sender_id)
        if sender.inbound_number_id is not None and sms_sender != sender.sms_sender:
            raise InvalidRequest(f"You can not change the inbound number for service {service_id}")
        if sender.is_default and not is_default:
            raise InvalidRequest(SMS_NEEDS_DEFAULT)
        if sender.sms_sender == sms_sender and sender.is_default == is_default:
            return sender
        if is_default:
            for old in demoted(uow.sms_senders.list_for_service(service_id), keep=sender_id, now=now):
                uow.sms_senders.update(old)
        updated = sender.changed(now=now, sms_sender=sms_sender, is_default=is_default)
        uow.sms_senders.update(updated)
        uow.commit()
    notify.cache.forget_service(service_id)
    return updated


def archive_sms_sender(notify: Notify, service_id: UUID, sender_id: UUID) -> ServiceSmsSender:
    with notify.uow() as uow:
        sender = uow.sms_senders.get(service_id, sender_id)
        if sender.archived:
            return sender
        if sender.inbound_number_id is not None:
            raise InvalidRequest("You cannot delete an inbound number")
        if sender.is_default:
            raise InvalidRequest("You cannot delete a default sms sender")
        archived = sender.changed(now=notify.clock.now(), archived=True)
        uow.sms_senders.update(archived)
        uow.commit()
    notify.cache.forget_service(service_id)
    return archived


def _live_sms_sender(uow: UnitOfWork, service_id: UUID, sender_id: UUID) -> ServiceSmsSender:
    sender = uow.sms_senders.get(service_id, sender_id)
    if sender.archived:
        raise SmsSenderNotFound()
    return sender


# -- admin: email reply-to addresses ---------------------------------------------------------------------

def list_reply_tos(notify: Notify, service_id: UUID) -> Sequence[ServiceEmailReplyTo]:
    with notify.uow() as uow:
        uow.services.get(service_id)
        return uow.email_reply_to.list_for_service(service_id)


def get_reply_to(notify: Notify, service_id: UUID, reply_to_id: UUID) -> ServiceEmailReplyTo:
    with notify.uow() as uow:
        return _live_reply_to(uow, service_id, reply_to_id)


def new_reply_to_address(notify: Notify, service_id: UUID, email_address: str) -> str:
    """`email_address` checked as a reply-to address the service does not have yet (409 when it has)."""
    email_address = _email(email_address)
    with notify.uow() as uow:
        uow.services.get(service_id)
        _refuse_duplicate(uow.email_reply_to.list_for_service(service_id), email_address, keep=None)
    return email_address


def add_reply_to(notify: Notify, service_id: UUID, *, email_address: str, is_default: bool) -> ServiceEmailReplyTo:
    email_address = _email(email_address)
    now = notify.clock.now()
    with notify.uow() as uow:
        uow.services.get(service_id)
        current = uow.email_reply_to.list_for_service(service_id)
        _refuse_duplicate(current, email_address, keep=None)
        if not is_default and default_of(current) is None:
            raise InvalidRequest(REPLY_TO_NEEDS_DEFAULT)
        reply_to = ServiceEmailReplyTo(id=notify.ids.new(), service_id=service_id, email_address=email_address,
                                       is_default=is_default, created_at=now)
        if is_default:
            for old in demoted(current, keep=reply_to.id, now=now):
                uow.email_reply_to.update(old)
        uow.email_reply_to.add(reply_to)
        uow.commit()
    notify.cache.forget_service(service_id)
    return reply_to


def update_reply_to(notify: Notify, service_id: UUID, reply_to_id: UUID, *, email_address: str,
                    is_default: bool) -> ServiceEmailReplyTo:
    email_address = _email(email_address)
    now = notify.clock.now()
    with notify.uow() as uow:
        reply_to = _live_reply_to(uow, service_id, reply_to_id)
        current = uow.email_reply_to.list_for_service(service_id)
        _refuse_duplicate(current, email_address, keep=reply_to_id)
        if reply_to.is_default and not is_default:
            raise InvalidRequest(REPLY_TO_NEEDS_DEFAULT)
        if reply_to.email_address == email_address and reply_to.is_default == is_default:
            return reply_to
        if is_default:
            for old in demoted(current, keep=reply_to_id, now=now):
                uow.email_reply_to.update(old)
        updated = reply_to.changed(now=now, email_address=email_address, is_default=is_default)
        uow.email_reply_to.update(updated)
        uow.commit()
    notify.cache.forget_service(service_id)
    return updated


def archive_reply_to(notify: Notify, service_id: UUID, reply_to_id: UUID) -> ServiceEmailReplyTo:
    """The default may go only when it is the last one: the service then has no reply-to address at all."""
    with notify.uow() as uow:
        reply_to = uow.email_reply_to.get(service_id, reply_to_id)
        if reply_to.archived:
            return reply_to
        if reply_to.is_default and len(uow.email_reply_to.list_for_service(service_id)) > 1:
            raise InvalidRequest("You cannot delete a default email reply to address")
        archived = reply_to.changed(now=notify.clock.now(), archived=True, is_default=False)
        uow.email_reply_to.update(archived)
        uow.commit()
    notify.cache.forget_service(service_id)
    return archived


def _live_reply_to(uow: UnitOfWork, service_id: UUID, reply_to_id: UUID) -> ServiceEmailReplyTo:
    reply_to = uow.email_reply_to.get(service_id, reply_to_id)
    if reply_to.archived:
        raise ReplyToNotFound()
    return reply_to


def _email(raw: str) -> str:
    try:
        return validate_email_address(raw)
    except InvalidEmailAddress as exc:
        raise ValidationFailed({"email_address": [exc.message]}) from None


def _refuse_duplicate(current: Sequence[ServiceEmailReplyTo], email_address: str, *, keep: UUID | None) -> None:
    """Notify answers 409; addresses differing only in case are the same mailbox, so they clash too."""
    if any(r.email_address.lower() == email_address.lower() and r.id != keep for r in current):
        raise ReplyToAlreadyInUse(f"‘{email_address}’ is already a reply-to email address for this service.")
