"""Text messages people send to a service's number: received from a provider, read by the service (public API)
and by the admin app."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from attrs import frozen

from notify.domain.constants import API_PAGE_SIZE, CallbackType, ServicePermission
from notify.domain.inbound_sms import InboundSms
from notify.domain.sender import number_spellings, sender_number

from .app import Notify
from .auth import ServiceAuth
from .service_callbacks import post_to_service

RETENTION = timedelta(days=7)  # Notify's default days_of_retention: what the admin app lists and counts


@frozen
class InboundSummary:
    count: int
    most_recent: datetime | None


def receive_sms(notify: Notify, *, provider: str, source: str, destination: str, message: str,
                provider_reference: str | None = None, provider_date: datetime | None = None) -> InboundSms | None:
    """Store a message sent to `destination` for the service holding that number (from the inbound number pool;
    a number outside the pool is looked up among the services' senders), when the service may receive text
    messages. None (and nothing stored) otherwise: the provider is answered 200 either way, as Notify does, so
    it does not retry a message no one will take. A pool number turned off or held by no service takes none."""
    spellings = number_spellings(destination)
    with notify.uow() as uow:
        pooled = uow.inbound_numbers.find_by_number(spellings) if spellings else None
        if pooled is not None:
            if not pooled.active or pooled.service_id is None:
                return None
            service = uow.services.get(pooled.service_id)
            notify_number = pooled.number
            if not service.has_permission(ServicePermission.INBOUND_SMS):
                return None
        else:
            for sender in uow.sms_senders.list_by_sms_sender(spellings):
                service = uow.services.get(sender.service_id)
                if service.has_permission(ServicePermission.INBOUND_SMS):
                    notify_number = sender.sms_sender
                    break
            else:
                return None
        inbound = InboundSms(id=notify.ids.new(), service_id=service.id, notify_number=notify_number,
                             user_number=sender_number(source), content=message, provider=provider,
                             provider_date=provider_date, provider_reference=provider_reference,
                             created_at=notify.clock.now())
        uow.inbound_sms.add(inbound)
        uow.commit()
    post_to_service(notify, service.id, CallbackType.INBOUND_SMS, inbound.callback_payload(),
                    what=f"inbound sms {inbound.id}")
    return inbound


SEEN_KEEP = timedelta(days=2)  # longer than any provider retries a message


def receive_sms_once(notify: Notify, *, replay_key: str, provider: str, source: str, destination: str,
                     message: str, provider_reference: str | None = None,
                     provider_date: datetime | None = None) -> InboundSms | None:
    """receive_sms, but a provider's retry of a message it has posted already (the same `replay_key`) stores
    nothing new."""
    seen = f"inbound-sms-seen:{provider}:{replay_key}"
    expires = notify.clock.now() + SEEN_KEEP
    with notify.uow() as uow:
        first = uow.counters.increment(seen, expires_at=expires) == 1
        uow.commit()
    if not first:
        return None
    try:
        return receive_sms(notify, provider=provider, source=source, destination=destination, message=message,
                           provider_reference=provider_reference, provider_date=provider_date)
    except BaseException:
        with notify.uow() as uow:  # not stored: the provider's retry must be taken
            uow.counters.increment(seen, expires_at=expires, amount=-1)
            uow.commit()
        raise


def list_received_texts(notify: Notify, auth: ServiceAuth, *, older_than: UUID | None = None,
                        limit: int = API_PAGE_SIZE) -> Sequence[InboundSms]:
    """The caller's service's messages, newest first, one page (GET /v2/received-text-messages)."""
    with notify.read_uow() as uow:
        return uow.inbound_sms.list_for_service(auth.service_id, older_than=older_than, limit=limit)


def list_inbound_sms(notify: Notify, service_id: UUID, *, phone_number: str | None = None,
                     limit: int | None = None) -> Sequence[InboundSms]:
    """The admin app's list: the retention period's messages, newest first, from one sender if asked."""
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        return uow.inbound_sms.list_for_service(
            service_id, user_number=sender_number(phone_number) if phone_number else None,
            created_after=notify.clock.now() - RETENTION, limit=limit)


CONVERSATIONS_PAGE_SIZE = 50  # Notify's admin page size


@frozen
class ConversationsPage:
    messages: Sequence[InboundSms]
    has_next: bool


def most_recent_per_sender(notify: Notify, service_id: UUID, *, page: int = 1) -> ConversationsPage:
    """The retention period's latest message from each phone number, newest first, one page (the admin app's
    list of conversations)."""
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        newest_first = uow.inbound_sms.list_for_service(service_id, created_after=notify.clock.now() - RETENTION)
    latest: dict[str, InboundSms] = {}
    for message in newest_first:
        latest.setdefault(message.user_number, message)
    conversations = list(latest.values())
    start = (page - 1) * CONVERSATIONS_PAGE_SIZE
    return ConversationsPage(conversations[start:start + CONVERSATIONS_PAGE_SIZE],
                             has_next=len(conversations) > start + CONVERSATIONS_PAGE_SIZE)


def inbound_sms_summary(notify: Notify, service_id: UUID) -> InboundSummary:
    since = notify.clock.now() - RETENTION
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        newest = uow.inbound_sms.list_for_service(service_id, created_after=since, limit=1)
        return InboundSummary(uow.inbound_sms.count_for_service(service_id, created_after=since),
                              newest[0].created_at if newest else None)


def get_inbound_sms(notify: Notify, service_id: UUID, inbound_id: UUID) -> InboundSms:
    with notify.read_uow() as uow:
        return uow.inbound_sms.get(service_id, inbound_id)
