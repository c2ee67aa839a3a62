"""Delivery-status callbacks: a service with a `delivery_status` callback API is told about every status
change of its notifications that Notify would tell it about (`callback_api.calls_back`: delivered and the
failures; not `pending`, not the pipeline's own `created`/`sending`/`sent`, never letters; test keys too).

The delivery pipeline calls `notify_status_changes` once it has committed status changes. It never raises and
never waits on HTTP: each payload (built now, with the URL and token configured now, as Notify queues them) is
handed to `notify.callback_runner`, whose workers post it through `notify.callbacks`. A post that fails in a
way retrying may cure (no connection, timeout, 5xx, 429) is tried again `callback_retry.delay_seconds` later,
at most `callback_retry.max_retries` times; any other failure is dropped. Either way it is logged, without
the token or the payload (which holds the recipient).

A retry is also scheduled in the store (domain.retry: the notification and the attempt; no token, no
payload) before it waits on the runner. Whichever comes first takes it: the runner when its delay is up, or,
should this process have died, the sweep of any process (`resume_callback`, rebuilt from the notification and
the service's callback as configured then). Taking is a compare-and-set, so a retry is made once; a process
that dies during the post leaves it leased, to be taken again after CALLBACK_LEASE (at least once, as
Notify's queued callbacks)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from attrs import evolve, field, frozen

from notify.domain.callback_api import ServiceCallbackApi, calls_back, delivery_status_payload, moving_calls_back
from notify.domain.constants import CallbackType, NotificationStatus
from notify.domain.notification import Notification, ReceiptTarget, StatusChange
from notify.domain.retry import RetryKind, ScheduledRetry
from notify.ports.callbacks import CallbackFailed

from .app import Notify
from .callback_apis import find_cached

log = logging.getLogger("notify.callbacks")

CALLBACK_LEASE = timedelta(minutes=5)  # far longer than a post may take (the sender's timeout is seconds)


@frozen
class StatusCallback:
    """One POST to make: where, with which token, what."""

    service_id: UUID
    notification_id: UUID
    url: str
    bearer_token: str = field(repr=False)
    payload: dict[str, Any]


def notify_status_changes(notify: Notify, notifications: Sequence[Notification]) -> None:
    """Queue a delivery-status callback for each of these (just committed) notifications that its service
    should hear about. One cached look-up per service in the batch; nothing at all without `notify.callbacks`
    or when no notification is of a status that calls back. Never raises."""
    try:
        if notify.callbacks is None or not notifications:
            return
        by_service: dict[UUID, list[Notification]] = {}
        for notification in notifications:
            if notification is not None and calls_back(notification):
                by_service.setdefault(notification.service_id, []).append(notification)
        for service_id, changed in by_service.items():
            _queue_for_service(notify, service_id, changed)
    except Exception:  # the caller has committed; a callback problem must never undo or fail its work
        log.exception("status callbacks not queued")


def notify_receipts(notify: Notify, moved: Sequence[tuple[ReceiptTarget, StatusChange]], now: datetime) -> None:
    """As `notify_status_changes`, for changes that receipts made at `now` to notifications read only as far as
    a receipt needs: the notifications themselves are read only for services with a delivery-status callback.
    Never raises."""
    try:
        if notify.callbacks is None or not moved:
            return
        by_service: dict[UUID, dict[UUID, NotificationStatus]] = {}
        for target, change in moved:
            if moving_calls_back(target.notification_type, change.status):
                by_service.setdefault(target.service_id, {})[target.id] = change.status
        for service_id, statuses in by_service.items():
            config = _delivery_status_callback(notify, service_id, len(statuses))
            if config is not None:
                with notify.uow() as uow:
                    found = uow.notifications.find_many(list(statuses))
                _queue(notify, service_id, config,
                       [evolve(n, status=statuses[n.id], updated_at=now) for n in found])
    except Exception:  # the caller has committed; a callback problem must never undo or fail its work
        log.exception("status callbacks not queued")


def _delivery_status_callback(notify: Notify, service_id: UUID, count: int) -> ServiceCallbackApi | None:
    try:
        return find_cached(notify, service_id, CallbackType.DELIVERY_STATUS)
    except Exception:  # the store is away: these callbacks are lost, the service's others still go
        log.exception("delivery-status callback of service %s not read; %d callback(s) not sent", service_id, count)
        return None


def _queue_for_service(notify: Notify, service_id: UUID, notifications: list[Notification]) -> None:
    config = _delivery_status_callback(notify, service_id, len(notifications))
    if config is not None:
        _queue(notify, service_id, config, notifications)


def _queue(notify: Notify, service_id: UUID, config: ServiceCallbackApi, notifications: list[Notification]) -> None:
    for notification in notifications:
        try:
            callback = StatusCallback(service_id=service_id, notification_id=notification.id, url=config.url,
                                      bearer_token=config.bearer_token,
                                      payload=delivery_status_payload(notification))
            _run(notify, callback, retries_done=0, delay=0.0)
        except Exception:  # the runner refused it (or a bug): this one is lost, the others still go
            log.exception("delivery-status callback for notification %s not queued", notification.id)


def _run(notify: Notify, callback: StatusCallback, *, retries_done: int, delay: float,
         scheduled: ScheduledRetry | None = None, taken: bool = False) -> None:
    def task() -> None:
        _attempt(notify, callback, retries_done=retries_done, scheduled=scheduled, taken=taken)

    runner = notify.callback_runner
    if runner is None:  # no background runner wired (tests, scripts): post on the caller's thread, now
        task()
    else:
        runner.later(task, delay=delay)


def _attempt(notify: Notify, callback: StatusCallback, *, retries_done: int = 0,
             scheduled: ScheduledRetry | None = None, taken: bool = False) -> bool:
    """One attempt (what a runner's worker runs); on a retryable failure, schedules the next one. A scheduled
    retry not yet `taken` is taken first, and skipped when someone else has. Returns True when the service
    accepted it. Never raises."""
    sender = notify.callbacks
    if sender is None:
        return False
    if scheduled is not None and not taken and not _take(notify, scheduled):
        return False
    done = True
    try:
        sender.post(callback.url, callback.bearer_token, callback.payload)
        return True
    except CallbackFailed as exc:
        retry = notify.callback_retry.should_retry(retries_done=retries_done, retryable=exc.retryable)
        log.warning("delivery-status callback for notification %s of service %s failed (%s); %s",
                    callback.notification_id, callback.service_id, exc,
                    f"retry {retries_done + 1} of {notify.callback_retry.max_retries} in "
                    f"{notify.callback_retry.delay_seconds:g} s" if retry else "not retrying")
        if retry:
            done = False
            _retry_later(notify, callback, retries_done + 1)
    except Exception:  # an adapter bug, not the service's answer: do not hammer the service with it
        log.exception("delivery-status callback for notification %s of service %s failed; not retrying",
                      callback.notification_id, callback.service_id)
    finally:
        if scheduled is not None and done:
            _forget(notify, scheduled)
    return False


def _retry_later(notify: Notify, callback: StatusCallback, attempt: int) -> None:
    """Schedule the next attempt in the store, then on the runner; with the store away, on the runner only."""
    delay = notify.callback_retry.delay_seconds
    entry = ScheduledRetry(kind=RetryKind.STATUS_CALLBACK, notification_id=callback.notification_id,
                           attempt=attempt, due_at=notify.clock.now() + timedelta(seconds=delay))
    saved: ScheduledRetry | None = entry
    try:
        with notify.uow() as uow:
            uow.retries.schedule([entry])
            uow.commit()
    except Exception:
        log.exception("retry of callback for notification %s not saved: it waits in this process only",
                      callback.notification_id)
        saved = None
    try:
        _run(notify, callback, retries_done=attempt, delay=delay, scheduled=saved)
    except Exception:  # the sweep finds the saved one when it is due
        log.exception("retry of callback for notification %s not queued", callback.notification_id)


def _take(notify: Notify, entry: ScheduledRetry) -> bool:
    """Take a scheduled retry before making it; with the store away, make it anyway (twice beats never)."""
    try:
        with notify.uow() as uow:
            taken = uow.retries.take(entry, lease_until=notify.clock.now() + CALLBACK_LEASE)
            uow.commit()
        return taken
    except Exception:
        log.exception("retry of callback for notification %s not taken in the store; made anyway",
                      entry.notification_id)
        return True


def _forget(notify: Notify, entry: ScheduledRetry) -> None:
    try:
        with notify.uow() as uow:
            uow.retries.remove(RetryKind.STATUS_CALLBACK, [entry.notification_id])
            uow.commit()
    except Exception:  # left leased: made again after the lease, which the service may see twice
        log.exception("finished retry of callback for notification %s not removed", entry.notification_id)


def resume_callback(notify: Notify, entry: ScheduledRetry) -> None:
    """A retry the sweep took from the store (usecases.retries): rebuilt from the notification and the service's
    delivery-status callback as they are now, and handed to the runner. Dropped when either is gone."""
    if notify.callbacks is None:
        return
    with notify.uow() as uow:
        notification = uow.notifications.find(entry.notification_id)
    config = None if notification is None else \
        find_cached(notify, notification.service_id, CallbackType.DELIVERY_STATUS)
    if notification is None or config is None or not calls_back(notification):
        _forget(notify, entry)
        return
    callback = StatusCallback(service_id=notification.service_id, notification_id=notification.id, url=config.url,
                              bearer_token=config.bearer_token, payload=delivery_status_payload(notification))
    _run(notify, callback, retries_done=entry.attempt, delay=0.0, scheduled=entry, taken=True)
