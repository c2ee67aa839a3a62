"""The delivery pipeline: from `created` to a provider, and a provider's receipt to the final status.

Every transition is a compare-and-set on the stored status (`update_if_status`), so:
- a notification is claimed (`created` -> `sending`, or `sent` for international SMS) by exactly one worker,
  before any provider is called: a duplicate hand-over or a racing sweep finds it claimed and does nothing;
- a receipt only moves a notification that is still in flight; late or duplicate receipts are ignored;
- one left in `created` (a crash between commit and enqueue, a lost in-process queue) is re-enqueued by
  `sweep_created`.
Providers come from ProviderDetails: active ones of the channel, highest priority first, skipping those
without an adapter (and, for international SMS, those not supporting it). A technical failure (ProviderError)
fails over to the next; when all fail the notification ends `technical-failure`. A provider with more than
PROVIDER_ERROR_THRESHOLD errors in a minute (counted in the store) loses PRIORITY_STEP points to the others.
Test keys never reach a provider: the claim is followed by a simulated receipt (Notify's research mode)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any
from uuid import UUID

from attrs import evolve

from notify.domain import message as messages
from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.errors import InvalidRequest, NotificationNotFound, StoreUnavailable
from notify.domain.notification import Notification
from notify.domain.postal_address import PostalAddress
from notify.domain.provider import ProviderDetails
from notify.domain.simulated import simulated_outcome
from notify.domain.sms import has_delivery_receipts
from notify.ports.providers import ProviderError, ProviderReceipt
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .notifications import NOTIFY_EMAIL_DOMAIN

log = logging.getLogger("notify.delivery")

SIMULATED_PROVIDER = "simulated"
PROVIDER_ERROR_THRESHOLD = 50
PRIORITY_STEP = 10
IN_FLIGHT = frozenset({NotificationStatus.SENDING, NotificationStatus.SENT, NotificationStatus.PENDING})


def _adapters(notify: Notify, kind: NotificationType) -> Sequence[Any]:
    return {NotificationType.SMS: notify.sms_providers, NotificationType.EMAIL: notify.email_providers,
            NotificationType.LETTER: notify.letter_providers}[kind]


def choose_providers(notify: Notify, uow: UnitOfWork, notification: Notification) -> list[Any]:
    """Provider adapters to try, in order. Without any ProviderDetails row for the channel, every adapter
    in the order the composition root registered them."""
    return _choose(notify, uow.providers.list(), notification)


def _choose(notify: Notify, all_details: Sequence[ProviderDetails], notification: Notification) -> list[Any]:
    adapters = {a.name: a for a in _adapters(notify, notification.notification_type)}
    details = [d for d in all_details if d.notification_type == notification.notification_type]
    if not details:
        return list(adapters.values())
    international = notification.notification_type is NotificationType.SMS and notification.international
    usable = [d for d in details if d.active and d.identifier in adapters
              and (d.supports_international or not international)]
    usable.sort(key=lambda d: (-d.priority, d.identifier))
    return [adapters[d.identifier] for d in usable]


def deliver(notify: Notify, notification_id: UUID) -> Notification | None:
    """Claim, send, record. Returns the notification as last stored, or None when there was nothing to do."""
    now = notify.clock.now()
    with notify.uow() as uow:
        notification = uow.notifications.find(notification_id)
        if notification is None or notification.status is not NotificationStatus.CREATED:
            return None  # already claimed by someone else, or gone
        service = uow.services.get(notification.service_id)
        if not service.active:
            return _fail_claim(uow, notification, now)
        template = uow.templates.get_version(notification.service_id, notification.template_id,
                                             notification.template_version)
        try:
            message = messages.render(template, notification.personalisation,
                                      sms_prefix=service.name if service.prefix_sms else None)
        except InvalidRequest:
            log.exception("notification %s cannot be rendered", notification.id)
            return _fail_claim(uow, notification, now)
        candidates = [] if notification.key_type is KeyType.TEST else choose_providers(notify, uow, notification)
        if notification.key_type is not KeyType.TEST and not candidates:
            log.error("no active %s provider for %s", notification.notification_type, notification.id)
            return _fail_claim(uow, notification, now)
        first = candidates[0].name if candidates else SIMULATED_PROVIDER
        international_sms = notification.notification_type is NotificationType.SMS and notification.international
        claimed = notification.mark_sending(
            provider=first, now=now,
            status=NotificationStatus.SENT if international_sms else NotificationStatus.SENDING,
            billable_units=message.fragments if notification.notification_type is NotificationType.SMS else 1)
        if not uow.notifications.update_if_status(claimed, expected={NotificationStatus.CREATED}):
            return None
        uow.commit()
    if notification.key_type is KeyType.TEST:
        outcome = simulated_outcome(notification.notification_type, notification.normalised_to)
        return record_receipt(notify, provider=SIMULATED_PROVIDER, notification_id=notification.id,
                              status=outcome) or claimed
    receipt = _send_with_failover(notify, candidates, claimed, message, service)
    with notify.uow() as uow:
        current = uow.notifications.find(notification.id)
        if current is None:
            return None
        if receipt is None:
            if current.status not in IN_FLIGHT:
                return current
            updated = current.technical_failure(now=notify.clock.now())
        else:
            updated = current.sent_with(provider=receipt.provider, reference=receipt.reference,
                                        now=notify.clock.now())
        if uow.notifications.update_if_status(updated, expected={current.status}):
            uow.commit()
            return updated
        return uow.notifications.find(notification.id)


def deliver_many(notify: Notify, notification_ids: Sequence[UUID]) -> list[Notification]:
    """Deliver a batch of notifications: the batch form of `deliver`, with the same guarantees.

    Signature (stable; queue adapters may call it): `deliver_many(notify, notification_ids) -> list[Notification]`.
    - `notification_ids`: any ids, in any order, duplicates and unknown ids allowed; an id not in `created`
      (claimed by someone else, already sent, gone) is skipped, exactly as `deliver` does.
    - Claims every deliverable one in ONE statement (`uow.notifications.claim`:
      `UPDATE ... WHERE id IN (...) AND notification_status = 'created' RETURNING ...`), so each is claimed once
      only, and records the claim details (provider, billable units, `sent` for international SMS, or
      `technical-failure` when it cannot be sent) in the same transaction; then hands each claimed one to its
      providers (failover as `deliver`), and records the outcomes in one more transaction.
    - Service, template version and the providers list are read once per batch.
    - Returns the notifications this call moved, as it left them (a receipt may since have moved them on);
      skipped ids are absent. Safe with a few thousand ids; the in-process queue passes up to 100 at a time."""
    ids = list(dict.fromkeys(notification_ids))
    if not ids:
        return []
    now = notify.clock.now()
    plans: list[tuple[Notification, list[Any], messages.Message, Any]] = []
    left: list[Notification] = []
    with notify.uow() as uow:
        claimed = uow.notifications.claim(ids, from_statuses={NotificationStatus.CREATED},
                                          to_status=NotificationStatus.SENDING, now=now)
        if not claimed:
            return []
        services: dict[UUID, Any] = {}
        templates: dict[tuple[UUID, UUID, int], Any] = {}
        details: list[ProviderDetails] | None = None
        writes: list[Notification] = []
        for row in claimed:
            notification = evolve(row, status=NotificationStatus.CREATED)  # as it was, for the domain's rules
            try:
                service = services.get(notification.service_id)
                if service is None:
                    service = services[notification.service_id] = uow.services.get(notification.service_id)
                if not service.active:
                    writes.append(notification.technical_failure(now=now))
                    continue
                key = (notification.service_id, notification.template_id, notification.template_version)
                template = templates.get(key)
                if template is None:
                    template = templates[key] = uow.templates.get_version(*key)
                try:
                    message = messages.render(template, notification.personalisation,
                                              sms_prefix=service.name if service.prefix_sms else None)
                except InvalidRequest:
                    log.exception("notification %s cannot be rendered", notification.id)
                    writes.append(notification.technical_failure(now=now))
                    continue
                candidates: list[Any] = []
                if notification.key_type is not KeyType.TEST:
                    if details is None:
                        details = list(uow.providers.list())
                    candidates = _choose(notify, details, notification)
                    if not candidates:
                        log.error("no active %s provider for %s", notification.notification_type, notification.id)
                        writes.append(notification.technical_failure(now=now))
                        continue
                international_sms = notification.notification_type is NotificationType.SMS and \
                    notification.international
                sending = notification.mark_sending(
                    provider=candidates[0].name if candidates else SIMULATED_PROVIDER, now=now,
                    status=NotificationStatus.SENT if international_sms else NotificationStatus.SENDING,
                    billable_units=message.fragments if notification.notification_type is NotificationType.SMS else 1)
            except Exception:  # as `deliver` would leave it: back in `created`, for the sweep to retry
                log.exception("delivery of %s failed", notification.id)
                writes.append(notification)
                continue
            writes.append(sending)
            plans.append((sending, candidates, message, service))
        uow.notifications.update_many(writes)
        uow.commit()
    done = {n.id: n for n in writes if n.status is not NotificationStatus.CREATED}
    handovers: list[tuple[UUID, str, str | None]] = []
    failed: list[UUID] = []
    for sending, candidates, message, service in plans:
        if sending.key_type is KeyType.TEST:
            outcome = simulated_outcome(sending.notification_type, sending.normalised_to)
            done[sending.id] = record_receipt(notify, provider=SIMULATED_PROVIDER, notification_id=sending.id,
                                              status=outcome) or sending
            continue
        receipt = _send_with_failover(notify, candidates, sending, message, service)
        if receipt is None:
            failed.append(sending.id)
        else:
            handovers.append((sending.id, receipt.provider, receipt.reference))
    if handovers or failed:
        later = notify.clock.now()
        with notify.uow() as uow:
            uow.notifications.record_handovers(handovers, now=later)
            for moved in uow.notifications.claim(failed, from_statuses=IN_FLIGHT,
                                                 to_status=NotificationStatus.TECHNICAL_FAILURE, now=later):
                done[moved.id] = moved
            uow.commit()
        for notification_id, provider, reference in handovers:
            done[notification_id] = done[notification_id].sent_with(provider=provider, reference=reference,
                                                                    now=later)
    return list(done.values())


def _fail_claim(uow: UnitOfWork, notification: Notification, now: Any) -> Notification | None:
    failed = notification.technical_failure(now=now)
    if uow.notifications.update_if_status(failed, expected={NotificationStatus.CREATED}):
        uow.commit()
        return failed
    return None


def _send_with_failover(notify: Notify, candidates: list[Any], notification: Notification,
                        message: messages.Message, service: Any) -> ProviderReceipt | None:
    for provider in candidates:
        try:
            receipt = _send(provider, notification, message, service)
            if not isinstance(receipt, ProviderReceipt):
                raise ProviderError(f"answered {type(receipt).__name__}, not a receipt")
            return receipt
        except Exception as exc:  # ProviderError, or what an adapter let out (a timeout, garbage, a bug): next
            log.warning("provider %s failed for %s: %s: %s", provider.name, notification.id,
                        type(exc).__name__, exc)
            _count_provider_error(notify, provider.name, notification.notification_type)
    return None


def _send(provider: Any, notification: Notification, message: messages.Message, service: Any) -> ProviderReceipt:
    kind = notification.notification_type
    if kind is NotificationType.SMS:
        return provider.send_sms(to=notification.normalised_to or notification.to, content=message.sms_text or "",
                                 reference=notification.id, sender=notification.reply_to_text,
                                 international=notification.international)
    if kind is NotificationType.EMAIL:
        sender_name = service.custom_email_sender_name or service.name
        local = service.email_sender_local_part or "service"
        return provider.send_email(to=notification.normalised_to or notification.to, subject=message.subject or "",
                                   body=message.body, html=None, reference=notification.id,
                                   from_address=f'"{sender_name}" <{local}@{NOTIFY_EMAIL_DOMAIN}>',
                                   reply_to=notification.reply_to_text)
    address = PostalAddress.from_personalisation(notification.personalisation)
    return provider.send_letter(address=list(address.lines), content=message.body, reference=notification.id,
                                postage=notification.postage or "second")


def _count_provider_error(notify: Notify, identifier: str, kind: NotificationType) -> None:
    """Count the error in the store; past the threshold, move PRIORITY_STEP points away from this provider
    (at most once a minute per provider, as Notify)."""
    now = notify.clock.now()
    minute = now.replace(second=0, microsecond=0)
    with notify.uow() as uow:
        errors = uow.counters.increment(f"provider-errors:{identifier}:{minute:%Y%m%d%H%M}",
                                        expires_at=minute + timedelta(minutes=2))
        if errors <= PROVIDER_ERROR_THRESHOLD:
            uow.commit()
            return
        details = [d for d in uow.providers.list() if d.notification_type == kind]
        failing = next((d for d in details if d.identifier == identifier), None)
        recently = [d for d in details if d.updated_at is not None and now - d.updated_at < timedelta(minutes=1)]
        if failing is None or recently or len(details) < 2:
            uow.commit()
            return
        _shift_priority(uow, failing, [d for d in details if d.identifier != identifier], now)
        uow.commit()


def _shift_priority(uow: UnitOfWork, failing: ProviderDetails, others: list[ProviderDetails], now: Any) -> None:
    uow.providers.update(failing.changed(now=now, priority=max(0, failing.priority - PRIORITY_STEP)))
    for other in others:
        uow.providers.update(other.changed(now=now, priority=min(100, other.priority + PRIORITY_STEP)))


def record_receipt(notify: Notify, *, provider: str, notification_id: UUID,
                   status: NotificationStatus) -> Notification | None:
    """A provider's delivery receipt (HTTP callback, or a fake provider in-process: the same use case).
    Returns the updated notification, or None when the receipt was ignored (late, duplicate, untrusted).
    Raises NotificationNotFound for an unknown id."""
    with notify.uow() as uow:
        notification = uow.notifications.find(notification_id)
        if notification is None:
            raise NotificationNotFound()
        trusted = notification.notification_type is not NotificationType.SMS or \
            has_delivery_receipts(notification.phone_prefix)
        updated = notification.receipt(status, now=notify.clock.now(), receipts_trusted=trusted)
        if updated is None:
            return None
        if not uow.notifications.update_if_status(updated, expected={notification.status}):
            return None
        uow.commit()
    return updated


def receipt_sink(notify: Notify) -> Callable[[str, UUID, NotificationStatus], None]:
    """The callable fake providers report receipts to (runs on their timer threads). Raises only
    StoreUnavailable, so the receipt is retried later instead of lost while the store is down."""

    def sink(provider: str, notification_id: UUID, status: NotificationStatus) -> None:
        try:
            record_receipt(notify, provider=provider, notification_id=notification_id, status=status)
        except StoreUnavailable:
            raise  # the provider keeps the receipt and tries again, as a real one retries a callback on 503
        except Exception:
            log.exception("receipt from %s for %s failed", provider, notification_id)

    return sink


def sweep_created(notify: Notify, *, older_than: timedelta = timedelta(minutes=1), limit: int = 1000) -> int:
    """Re-enqueue notifications still `created` after `older_than` (a crash, a lost in-process queue).
    Safe to run anywhere, any time: a duplicate hand-over is a no-op. Returns how many were enqueued."""
    if notify.queue is None:
        return 0
    with notify.uow() as uow:
        stuck = uow.notifications.list_by_status(NotificationStatus.CREATED,
                                                 created_before=notify.clock.now() - older_than, limit=limit)
    notify.queue.enqueue_many([notification.id for notification in stuck])
    return len(stuck)
