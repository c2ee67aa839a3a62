"""Delivery-status callbacks: a service with a `delivery_status` callback API is told about every status
change of its notifications that Notify would tell it about (`callback_api.calls_back`: delivered and the
failures; not `pending`, not the pipeline's own `created`/`sending`/`sent`, never letters; test keys too).

The delivery pipeline calls `notify_status_changes` once it has committed status changes. It never raises and
never waits on HTTP: each payload (built now, with the URL and token configured now, as Notify queues them) is
handed to `notify.callback_runner`, whose workers post it through `notify.callbacks`. A post that fails in a
way retrying may cure (no connection, timeout, 5xx, 429) is tried again `callback_retry.delay_seconds` later,
at most `callback_retry.max_retries` times; any other failure is dropped. Either way it is logged, without
the token or the payload (which holds the recipient)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from attrs import field, frozen

from notify.domain.callback_api import calls_back, delivery_status_payload
from notify.domain.constants import CallbackType
from notify.domain.notification import Notification
from notify.ports.callbacks import CallbackFailed

from .app import Notify
from .callback_apis import find_cached

log = logging.getLogger("notify.callbacks")


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


def _queue_for_service(notify: Notify, service_id: UUID, notifications: list[Notification]) -> None:
    try:
        config = find_cached(notify, service_id, CallbackType.DELIVERY_STATUS)
    except Exception:  # the store is away: these callbacks are lost, the service's others still go
        log.exception("delivery-status callback of service %s not read; %d callback(s) not sent",
                      service_id, len(notifications))
        return
    if config is None:
        return
    for notification in notifications:
        try:
            callback = StatusCallback(service_id=service_id, notification_id=notification.id, url=config.url,
                                      bearer_token=config.bearer_token,
                                      payload=delivery_status_payload(notification))
            _run(notify, callback, retries_done=0, delay=0.0)
        except Exception:  # the runner refused it (or a bug): this one is lost, the others still go
            log.exception("delivery-status callback for notification %s not queued", notification.id)


def _run(notify: Notify, callback: StatusCallback, *, retries_done: int, delay: float) -> None:
    def task() -> None:
        _attempt(notify, callback, retries_done=retries_done)

    runner = notify.callback_runner
    if runner is None:  # no background runner wired (tests, scripts): post on the caller's thread, now
        task()
    else:
        runner.later(task, delay=delay)


def _attempt(notify: Notify, callback: StatusCallback, *, retries_done: int = 0) -> bool:
    """One attempt (what a runner's worker runs); on a retryable failure, hands the next attempt to the runner.
    Returns True when the service accepted it. Never raises."""
    sender = notify.callbacks
    if sender is None:
        return False
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
            try:
                _run(notify, callback, retries_done=retries_done + 1, delay=notify.callback_retry.delay_seconds)
            except Exception:
                log.exception("retry of callback for notification %s not queued", callback.notification_id)
    except Exception:  # an adapter bug, not the service's answer: do not hammer the service with it
        log.exception("delivery-status callback for notification %s of service %s failed; not retrying",
                      callback.notification_id, callback.service_id)
    return False
