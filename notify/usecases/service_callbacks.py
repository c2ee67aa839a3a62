"""Posting an event to the service callback of its kind (complaint, returned letter, inbound text) when the
service has one: on the callback runner, retried as delivery-status callbacks are, in this process. Never
raises: the event is stored whether or not the service hears of it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from notify.domain.constants import CallbackType
from notify.ports.callbacks import CallbackFailed

from .app import Notify
from .callback_apis import find_cached

log = logging.getLogger("notify.service_callbacks")


def post_to_service(notify: Notify, service_id: UUID, kind: CallbackType, payload: Mapping[str, Any], *,
                    what: str, retries_done: int = 0) -> None:
    """`what` names the event in the logs (e.g. "complaint <id>")."""
    sender = notify.callbacks
    if sender is None:
        return
    try:
        config = find_cached(notify, service_id, kind)
    except Exception:
        log.exception("%s callback of service %s not read", kind.value, service_id)
        return
    if config is None:
        return

    def post() -> None:
        try:
            sender.post(config.url, config.bearer_token, dict(payload))
        except CallbackFailed as exc:
            retry = notify.callback_retry.should_retry(retries_done=retries_done, retryable=exc.retryable)
            log.warning("%s callback of service %s failed (%s)%s", what, service_id, exc,
                        "; retrying" if retry else "")
            if retry:
                _later(notify, lambda: post_to_service(notify, service_id, kind, payload, what=what,
                                                       retries_done=retries_done + 1),
                       notify.callback_retry.delay_seconds)
        except Exception:
            log.exception("%s callback of service %s failed", what, service_id)

    _later(notify, post, 0.0)


def _later(notify: Notify, task: Callable[[], None], delay: float) -> None:
    if notify.callback_runner is None:  # no background runner (tests, scripts): now, on this thread
        task()
        return
    notify.callback_runner.later(task, delay=delay)
