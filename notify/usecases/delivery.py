"""The delivery pipeline: from `created` to a provider, and a provider's receipt to the final status.

Batches throughout (the in-process queue hands over up to hundreds of ids at once; the receipts of a busy
provider arrive together), with set-based statements, so that the cost per notification stays small:

    notifications still `created` (kept by this process since it accepted them, else read)
      -> each to its providers, in priority order, failing over on any error
      -> one transaction: the hand-overs (created -> sending, or `sent` for international SMS, with provider,
         reference and billable units) and the failures
    receipt(s) -> compare-and-set to the final status (one statement per batch)

- Providers are idempotent by our reference (ports.providers): a notification handed over twice (a message
  redelivered after a worker died mid-call, a sweep that found it still `created`) reaches the recipient once.
  A provider that is not idempotent is guarded by the hand-over ledger (usecases.handover), which never hands
  a notification over twice.
- Every status change is a compare-and-set: a hand-over moves only what is still `created`; late or duplicate
  receipts are ignored. One left in `created` (a crash, a lost in-process queue) is re-enqueued by
  `sweep_created`.
- When every provider fails, the notification stays `created` and is tried again later, with exponential
  backoff (`RetryPolicy`); after the last attempt it is a `technical-failure`.
- Providers come from ProviderDetails: active ones of the channel, highest priority first, skipping those
  without an adapter (and, for international SMS, those not supporting it). A provider with more than
  PROVIDER_ERROR_THRESHOLD errors in a minute (counted in the store) loses PRIORITY_STEP points to the others.
- Test keys never reach a provider: a simulated receipt follows (Notify's research mode)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import message as messages
from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.errors import InvalidRequest, NotificationNotFound, StoreUnavailable
from notify.domain.message import Message
from notify.domain.notification import Handover, Notification, ReceiptTarget, StatusChange
from notify.domain.retry import RetryKind, ScheduledRetry
from notify.domain.postal_address import PostalAddress
from notify.domain.provider import ProviderDetails
from notify.domain.sending import NOTIFY_EMAIL_DOMAIN
from notify.domain.service import Service
from notify.domain.unsubscribe import with_unsubscribe_link
from notify.domain.simulated import simulated_outcome
from notify.domain.sms import has_delivery_receipts
from notify.domain.template import Template
from notify.ports.providers import (
    DeliveryReceipt,
    DeliveryRefused,
    DeliveryUncertain,
    EmailProvider,
    LetterProvider,
    ProviderError,
    ProviderReceipt,
    SmsProvider,
)
from notify.ports.queue import Prepared
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .cache import TemplateVersion
from .auth import service_and_keys
from .handover import HandOverRefused, begin_hand_overs, cancel_hand_overs
from .provider_health import record_demotion
from .status_callbacks import notify_receipts
from .unsubscribe import unsubscribe_links

log = logging.getLogger("notify.delivery")

SIMULATED_PROVIDER = "simulated"
PROVIDER_ERROR_THRESHOLD = 50
PRIORITY_STEP = 10
ATTEMPTS_KEPT = timedelta(days=8)  # longer than any retry schedule
_NOT_READ: Any = object()
# Receipts a provider reports while this thread is handing a batch over to it (a fake answering at once): they
# are recorded in the hand-over's own transaction, one transaction fewer per message, and never race it. Kept
# with the store they belong to (its unit-of-work factory).
_RECEIPTS_DURING_HAND_OVER: ContextVar[tuple[Any, list[DeliveryReceipt]] | None] = ContextVar(
    "receipts_during_hand_over", default=None)
MAKE_WAY_EVERY = 50  # notifications planned or handed over between a job's pauses for requests (Notify.make_way)


@frozen
class _Plan:
    notification: Notification  # still `created`
    message: Message
    service: Service
    providers: list[Any]  # adapters to try in order; none for test keys
    unsubscribe_url: str | None = None  # email: the List-Unsubscribe link
    body_unsubscribe_url: str | None = None  # email: the link its body ends with (the template asks for one)

    @property
    def status(self) -> NotificationStatus:
        return self.notification.hand_over_status

    @property
    def billable_units(self) -> int:
        kind = self.notification.notification_type
        if kind is NotificationType.LETTER:
            return self.notification.billable_units or 1  # sheets of paper, counted when its PDF was made
        return self.message.fragments if kind is NotificationType.SMS else 1


def _adapters(notify: Notify, kind: NotificationType) -> Sequence[Any]:
    if kind is NotificationType.SMS:
        return notify.sms_providers
    return notify.email_providers if kind is NotificationType.EMAIL else notify.letter_providers


def _choose(notify: Notify, all_details: Sequence[ProviderDetails], kind: NotificationType,
                international: bool) -> list[Any]:
    adapters = {a.name: a for a in _adapters(notify, kind)}
    details = [d for d in all_details if d.notification_type == kind]
    if not details:
        return list(adapters.values())
    usable = [d for d in details if d.active and d.identifier in adapters
              and (d.supports_international or not international)]
    usable.sort(key=lambda d: (-d.priority, d.identifier))
    return [adapters[d.identifier] for d in usable]


def deliver(notify: Notify, notification_id: UUID) -> Notification | None:
    """`deliver_many` for one id: the notification as stored afterwards, or None when there was nothing to do."""
    if not deliver_many(notify, [notification_id]):
        return None
    with notify.uow() as uow:
        return uow.notifications.find(notification_id)


def deliver_many(notify: Notify, notification_ids: Sequence[UUID],
                 prepared: Mapping[UUID, Prepared] | None = None) -> list[UUID]:
    """Deliver a batch: any ids, in any order, duplicates and unknown ids allowed; an id not in `created`
    (handed over by someone else, already sent, gone) is skipped. `prepared`: those of them this process has
    just stored (from the in-process queue), not read back. Returns the ids this call moved on (handed to a
    provider, failed, or put back for a retry). Safe with a few thousand ids."""
    ids = list(dict.fromkeys(notification_ids))
    if not ids:
        return []
    waiting: list[tuple[Notification, Message | None]] = []
    unread: list[UUID] = []
    for i in ids:
        known = prepared.get(i) if prepared else None
        if known is None:
            unread.append(i)
        else:
            waiting.append(known)
    with notify.uow() as uow:
        found = uow.notifications.find_many(unread) if unread else ()
        details = uow.providers.list()
    waiting += [(n, None) for n in found if n.status is NotificationStatus.CREATED]
    if not waiting:
        return []
    # A job's rows make way for requests in flight every few steps; a batch with a send made through the API
    # does not: someone is waiting for that one too.
    make_way = notify.make_way if all(n.job_id is not None for n, _ in waiting) else _carry_on
    plans, unsendable = _plan(notify, details, waiting, make_way)
    handovers: list[Handover] = []
    simulated: list[DeliveryReceipt] = []
    unsent: list[_Plan] = []
    to_providers: list[_Plan] = []
    for plan in plans:
        n = plan.notification
        if n.key_type is KeyType.TEST:
            handovers.append(Handover(n.id, SIMULATED_PROVIDER, None, plan.billable_units, plan.status))
            simulated.append(DeliveryReceipt(SIMULATED_PROVIDER, n.id,
                                             simulated_outcome(n.notification_type, n.normalised_to)))
        else:
            to_providers.append(plan)
    ledger = _Ledger(begin_hand_overs(notify, [p.notification.id for p in to_providers if _guarded(p.providers)]))
    hand_over: Callable[[_Plan], _Outcome] = lambda plan: _hand_over(notify, plan, ledger)  # noqa: E731
    reported: list[DeliveryReceipt] = []
    collecting = _RECEIPTS_DURING_HAND_OVER.set((notify.uow, reported))
    try:
        if notify.send_pool is not None:
            outcomes = notify.send_pool.map(hand_over, to_providers)
        else:
            outcomes = []
            for index, plan in enumerate(to_providers):
                if index % MAKE_WAY_EVERY == 0:
                    make_way()
                outcomes.append(hand_over(plan))
    finally:
        _RECEIPTS_DURING_HAND_OVER.reset(collecting)
    cancel_hand_overs(notify, [plan.notification.id for plan, outcome in zip(to_providers, outcomes, strict=True)
                               if outcome is _UNSENT and ledger.may_give_back(plan.notification.id)])
    for plan, outcome in zip(to_providers, outcomes, strict=True):
        n = plan.notification
        if isinstance(outcome, ProviderReceipt):
            handovers.append(Handover(n.id, outcome.provider, outcome.reference, plan.billable_units, plan.status))
        elif isinstance(outcome, DeliveryRefused):  # the provider's definite answer for this recipient: final
            handovers.append(Handover(n.id, outcome.provider, None, plan.billable_units, plan.status))
            simulated.append(DeliveryReceipt(outcome.provider, n.id, outcome.status, outcome.reason))
        elif isinstance(outcome, _Uncertain):  # it may have arrived: sending, for the receipt or the timeout
            handovers.append(Handover(n.id, outcome.provider, None, plan.billable_units, plan.status))
        elif outcome is _UNSENT:
            unsent.append(plan)
    later = notify.clock.now()
    retries: list[tuple[UUID, float]] = []
    receipts = _first_of_each([*simulated, *reported])
    with notify.uow() as uow:
        uow.notifications.record_handovers(handovers, now=later)
        failed = uow.notifications.set_statuses(
            [n.change(NotificationStatus.TECHNICAL_FAILURE) for n in unsendable],
            now=later)
        moved = [h.notification_id for h in handovers] + list(failed)
        if unsent:
            retries, given_up = _retry_or_give_up(notify, uow, unsent, later)
            moved += [notification_id for notification_id, _ in retries] + given_up
        received, raced = _apply_receipts(uow, receipts, later) if receipts else ([], set())
        uow.commit()
    notify_receipts(notify, received, later)
    by_delay: dict[float, list[UUID]] = {}
    for notification_id, delay in retries:
        by_delay.setdefault(delay, []).append(notification_id)
    if notify.queue is not None:
        for delay, retry_ids in by_delay.items():
            notify.queue.enqueue_many(retry_ids, delay=delay)
    if raced:  # a receipt for a notification of another batch, changed meanwhile: read again
        record_receipts(notify, [receipts[i] for i in raced])
    return moved


def _carry_on() -> None:
    pass


def _plan(notify: Notify, details: Sequence[ProviderDetails], waiting: Sequence[tuple[Notification, Message | None]],
          make_way: Callable[[], None] = _carry_on) -> tuple[list[_Plan], list[Notification]]:
    """What to send to whom, for each waiting notification; and those that cannot be sent at all."""
    plans: list[_Plan] = []
    unsendable: list[Notification] = []
    services: dict[UUID, Service | None] = {}  # a batch is mostly one service and one template
    templates: dict[tuple[UUID, int], Template] = {}
    routes: dict[tuple[NotificationType, bool], list[Any]] = {}  # providers to try, by channel and reach
    for index, (notification, message) in enumerate(waiting):
        if index % MAKE_WAY_EVERY == 0:
            make_way()
        try:
            service = services.get(notification.service_id, _NOT_READ)
            if service is _NOT_READ:
                service = services[notification.service_id] = service_and_keys(notify, notification.service_id)[0]
            if service is None or not service.active:
                unsendable.append(notification)
                continue
            if message is None:
                version = (notification.template_id, notification.template_version)
                template = templates.get(version) or templates.setdefault(version,
                                                                          _template_version(notify, notification))
                message = messages.render(template, notification.personalisation, sms_prefix=service.sms_prefix)
            providers: list[Any] = []
            if notification.key_type is not KeyType.TEST:
                route = (notification.notification_type,
                         notification.notification_type is NotificationType.SMS and notification.international)
                providers = routes.get(route) or routes.setdefault(route, _choose(notify, details, *route))
                if not providers:
                    log.error("no active %s provider for %s", notification.notification_type, notification.id)
                    unsendable.append(notification)
                    continue
        except InvalidRequest:
            log.exception("notification %s cannot be rendered", notification.id)
            unsendable.append(notification)
            continue
        plans.append(_Plan(notification, message, service, providers, *unsubscribe_links(
            notify, notification, template_asks=message.has_unsubscribe_link)))
    return plans, unsendable


def _template_version(notify: Notify, notification: Notification) -> Template:
    """Template versions never change once written: the read cache may keep them."""
    key = TemplateVersion(notification.service_id, notification.template_id, notification.template_version)

    def load() -> Template:
        with notify.uow() as uow:
            return uow.templates.get_version(key.service_id, key.template_id, key.version)

    return notify.cache.get_or_load(key, notify.clock.now(), load)


def _retry_or_give_up(notify: Notify, uow: UnitOfWork, unsent: Sequence[_Plan], now: datetime
                      ) -> tuple[list[tuple[UUID, float]], list[UUID]]:
    """Every provider failed these: they stay `created`, to be tried again after the policy's delay, or,
    after the last attempt, become a `technical-failure`. Attempts are counted in the store, so a restart
    does not reset them, and each retry is scheduled there too (usecases.retries finds it again should this
    process die). Returns (id, delay) to re-enqueue, and the ids given up on."""
    policy = notify.retry_policy
    retries: list[tuple[UUID, float]] = []
    scheduled: list[ScheduledRetry] = []
    give_up: list[StatusChange] = []
    for plan in unsent:
        n = plan.notification
        attempts = uow.counters.increment(f"delivery-attempts:{n.id}", expires_at=now + ATTEMPTS_KEPT)
        if attempts < policy.attempts:
            retries.append((n.id, policy.delay(attempts)))
            scheduled.append(ScheduledRetry(kind=RetryKind.DELIVERY, notification_id=n.id, attempt=attempts,
                                            due_at=now + timedelta(seconds=policy.delay(attempts))))
            log.warning("no provider took %s (attempt %d of %d): trying again in %.0f s", n.id, attempts,
                        policy.attempts, policy.delay(attempts))
        else:
            give_up.append(n.change(NotificationStatus.TECHNICAL_FAILURE))
            log.error("no provider took %s after %d attempts: technical-failure", n.id, attempts)
    uow.retries.schedule(scheduled)
    return retries, list(uow.notifications.set_statuses(give_up, now=now))


_UNSENT: Any = object()  # every provider failed: retried later
_STOPPED: Any = object()  # handed over elsewhere, or no longer waiting
_Outcome = Any  # a ProviderReceipt, DeliveryRefused, _Uncertain, _UNSENT or _STOPPED


class _Ledger:
    """A batch's hand-over ledger entries (usecases.handover), taken before its first provider call: the
    notifications this delivery may give to providers that are not idempotent, and those of them that one
    such provider may have taken (it failed other than by refusing), whose entries must stay."""

    def __init__(self, held: set[UUID]) -> None:
        self.held = held
        self.kept: set[UUID] = set()

    def may_give_back(self, notification_id: UUID) -> bool:
        return notification_id in self.held and notification_id not in self.kept


def _guarded(providers: Sequence[Any]) -> bool:
    return any(getattr(p, "guarded", False) for p in providers)


def _hand_over(notify: Notify, plan: _Plan, ledger: _Ledger) -> _Outcome:
    """One notification to its providers; never raises (it may run on a send pool's thread)."""
    try:
        return _send_with_failover(notify, plan, ledger) or _UNSENT
    except HandOverRefused:
        log.info("delivery of %s stopped: handed over elsewhere or no longer waiting", plan.notification.id)
        return _STOPPED
    except (DeliveryRefused, _Uncertain) as answer:
        return answer


class _Uncertain(Exception):  # noqa: N818
    def __init__(self, provider: str) -> None:
        super().__init__(provider)
        self.provider = provider


def _send_with_failover(notify: Notify, plan: _Plan, ledger: _Ledger) -> ProviderReceipt | None:
    health = notify.provider_health
    notification_id = plan.notification.id
    for provider in health.order(plan.providers):
        guarded = getattr(provider, "guarded", False)
        if guarded and (notification_id not in ledger.held or notification_id in ledger.kept):
            raise HandOverRefused(notification_id)
        try:
            receipt = _send(provider.inner if guarded else provider, plan)
            if not isinstance(receipt, ProviderReceipt):
                raise ProviderError(f"answered {type(receipt).__name__}, not a receipt")
            health.succeeded(provider.name)
            return receipt
        except DeliveryRefused:
            health.succeeded(provider.name)  # it answered: the provider works, the recipient does not
            raise
        except DeliveryUncertain as exc:  # never to another provider: that could deliver it twice
            log.warning("provider %s may have taken %s: %s", provider.name, notification_id, exc)
            raise _Uncertain(provider.name) from None
        except Exception as exc:  # ProviderError, or what an adapter let out (a timeout, garbage, a bug): next
            log.warning("provider %s failed for %s: %s: %s", provider.name, notification_id,
                        type(exc).__name__, exc)
            if guarded and not isinstance(exc, ProviderError):
                ledger.kept.add(notification_id)  # it may have arrived: no other guarded provider gets it
            _count_provider_error(notify, provider.name, plan.notification.notification_type,
                                  demoted_for=health.failed(provider.name))
    return None


def _send(provider: Any, plan: _Plan) -> ProviderReceipt:
    n, message, service = plan.notification, plan.message, plan.service
    if n.notification_type is NotificationType.SMS:
        sms: SmsProvider = provider
        return sms.send_sms(to=n.normalised_to or n.to, content=message.sms_text or "", reference=n.id,
                                 sender=n.reply_to_text, international=n.international)
    if n.notification_type is NotificationType.EMAIL:
        sender_name = service.custom_email_sender_name or service.name
        local = service.email_sender_local_part or "service"
        email: EmailProvider = provider
        body = message.body
        if plan.body_unsubscribe_url:
            body = with_unsubscribe_link(body, plan.body_unsubscribe_url)
        return email.send_email(to=n.normalised_to or n.to, subject=message.subject or "", body=body,
                                   html=None, reference=n.id,
                                   from_address=f'"{sender_name}" <{local}@{NOTIFY_EMAIL_DOMAIN}>',
                                   reply_to=n.reply_to_text, unsubscribe_url=plan.unsubscribe_url)
    address = PostalAddress.from_personalisation(n.personalisation)
    letters: LetterProvider = provider
    return letters.send_letter(address=list(address.lines), content=message.body, reference=n.id,
                                postage=n.postage or "second")


def _count_provider_error(notify: Notify, identifier: str, kind: NotificationType,
                          demoted_for: float | None = None) -> None:
    """Count the error in the store; past the threshold, move PRIORITY_STEP points away from this provider
    (at most once a minute per provider, as Notify). A demotion this process just decided (provider_health)
    is published for every process to see."""
    now = notify.clock.now()
    minute = now.replace(second=0, microsecond=0)
    with notify.uow() as uow:
        if demoted_for is not None:
            record_demotion(uow, identifier, until=now + timedelta(seconds=demoted_for))
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


# -- receipts ------------------------------------------------------------------------------------------------

RECEIPT_RACE_ATTEMPTS = 3
RECEIPTS_PER_STEP = 100  # beside requests (Notify.fair_share): receipts a transaction, with pauses between


def record_receipts(notify: Notify, receipts: Sequence[DeliveryReceipt]) -> list[UUID]:
    """Providers' delivery receipts (the fakes report theirs in batches; the HTTP callback one at a time), in
    one transaction; beside requests, one per RECEIPTS_PER_STEP, making way for those in flight between them.
    Returns the ids of the notifications that moved; receipts for unknown ids, late or duplicate ones and those
    from countries whose receipts are not trusted change nothing."""
    first = _first_of_each(receipts)
    ids = list(first)
    moved_ids: list[UUID] = []
    step = len(ids) if notify.fair_share is None else RECEIPTS_PER_STEP
    for start in range(0, len(ids), max(1, step)):
        if start:
            notify.make_way()
        now = notify.clock.now()
        moved = _record_receipts({i: first[i] for i in ids[start:start + step]}, now, notify)
        notify_receipts(notify, moved, now)
        moved_ids += [target.id for target, _ in moved]
    return moved_ids


def _record_receipts(first: dict[UUID, DeliveryReceipt], now: datetime, notify: Notify
                     ) -> list[tuple[ReceiptTarget, StatusChange]]:
    moved: list[tuple[ReceiptTarget, StatusChange]] = []
    # A receipt can race its own hand-over being recorded (created -> sending between the read and the
    # compare-and-set); the ones that lost are read again and applied to what is there now.
    for _ in range(RECEIPT_RACE_ATTEMPTS):
        with notify.uow() as uow:
            applied, lost = _apply_receipts(uow, first, now)
            uow.commit()
        moved += applied
        if not lost:
            break
        first = {i: first[i] for i in lost}
    return moved


def _first_of_each(receipts: Sequence[DeliveryReceipt]) -> dict[UUID, DeliveryReceipt]:
    first: dict[UUID, DeliveryReceipt] = {}
    for receipt in receipts:
        first.setdefault(receipt.notification_id, receipt)  # a second receipt in the same batch is late
    return first


def _apply_receipts(uow: UnitOfWork, receipts: Mapping[UUID, DeliveryReceipt], now: datetime
                    ) -> tuple[list[tuple[ReceiptTarget, StatusChange]], set[UUID]]:
    """In the caller's transaction: the notifications the receipts moved (as read, with their change), and
    the ids whose compare-and-set lost to a change made since they were read."""
    changes: dict[UUID, tuple[ReceiptTarget, StatusChange]] = {}
    for current in uow.notifications.find_receipt_targets(list(receipts)):
        trusted = current.notification_type is not NotificationType.SMS or \
            has_delivery_receipts(current.phone_prefix)
        change = current.receipt_change(receipts[current.id].status, receipts_trusted=trusted)
        if change is not None:
            changes[current.id] = (current, change)
    moved = uow.notifications.set_statuses([change for _, change in changes.values()], now=now)
    return [changes[i] for i in moved], set(changes) - set(moved)


def record_receipt(notify: Notify, *, provider: str, notification_id: UUID, status: NotificationStatus) -> bool:
    """One receipt (the HTTP callback). Returns whether it moved the notification (not when late, duplicate or
    untrusted). Raises NotificationNotFound for an unknown id."""
    if record_receipts(notify, [DeliveryReceipt(provider, notification_id, status)]):
        return True
    with notify.uow() as uow:
        if uow.notifications.find(notification_id) is None:
            raise NotificationNotFound()
    return False


def receipt_sink(notify: Notify) -> Callable[[Sequence[DeliveryReceipt]], None]:
    """The callable fake providers report receipts to (on their timer thread). Raises only StoreUnavailable,
    so the receipts are retried later instead of lost while the store is down."""

    def sink(receipts: Sequence[DeliveryReceipt]) -> None:
        during_hand_over = _RECEIPTS_DURING_HAND_OVER.get()
        if during_hand_over is not None and during_hand_over[0] is notify.uow:
            during_hand_over[1].extend(receipts)
            return
        try:
            record_receipts(notify, receipts)
        except StoreUnavailable:
            raise  # the provider keeps the receipts and tries again, as a real one retries a callback on 503
        except Exception:
            log.exception("%d receipt(s) failed", len(receipts))

    return sink


def sweep_created(notify: Notify, *, older_than: timedelta = timedelta(minutes=1), limit: int = 1000) -> int:
    """Re-enqueue notifications still `created` after `older_than` (a crash, a lost in-process queue), but
    not those waiting for a scheduled retry (usecases.retries enqueues them when due). Safe to run anywhere,
    any time: a duplicate hand-over is a no-op. Returns how many were enqueued."""
    if notify.queue is None:
        return 0
    with notify.uow() as uow:
        stuck = [n.id for n in uow.notifications.list_by_status(
            NotificationStatus.CREATED, created_before=notify.clock.now() - older_than, limit=limit)]
        waiting = uow.retries.scheduled(RetryKind.DELIVERY, stuck) if stuck else set()
    lost = [notification_id for notification_id in stuck if notification_id not in waiting]
    notify.queue.enqueue_many(lost)
    return len(lost)
