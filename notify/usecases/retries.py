"""The sweep of the persisted retry schedule (domain.retry): retries whose process died are made anyway.

Each retry waits twice: in the store, and on the process's own timer (the delivery queue's delay, the
callback runner's), which normally makes it on time. The sweep takes only what is overdue by more than
`grace`, so it does not race the timers of a living process; what it finds was scheduled by a process that
stopped or died. Safe in any number of processes at once: each entry is taken by one of them.

- deliveries: taken (removed) and enqueued; delivery moves what is still `created` (if this process dies in
  turn, the notification is still `created` and `delivery.sweep_created` finds it);
- status callbacks: taken with a lease and made again (usecases.status_callbacks.resume_callback)."""

from __future__ import annotations

import logging
from datetime import timedelta

from attrs import frozen

from notify.domain.retry import RetryKind

from .app import Notify
from .status_callbacks import CALLBACK_LEASE, resume_callback

log = logging.getLogger("notify.retries")

SWEEP_GRACE = timedelta(seconds=30)


@frozen
class RetrySweep:
    deliveries: int
    callbacks: int


def sweep_retries(notify: Notify, *, grace: timedelta = SWEEP_GRACE, limit: int = 500) -> RetrySweep:
    return RetrySweep(_deliveries(notify, grace, limit), _callbacks(notify, grace, limit))


def _deliveries(notify: Notify, grace: timedelta, limit: int) -> int:
    if notify.queue is None:
        return 0
    with notify.uow() as uow:
        due = uow.retries.take_due(RetryKind.DELIVERY, due_before=notify.clock.now() - grace, limit=limit)
        uow.commit()
    if due:
        notify.queue.enqueue_many([entry.notification_id for entry in due])
        log.info("%d delivery retr%s found overdue in the store: enqueued", len(due), "y" if len(due) == 1 else "ies")
    return len(due)


def _callbacks(notify: Notify, grace: timedelta, limit: int) -> int:
    if notify.callbacks is None:
        return 0
    now = notify.clock.now()
    with notify.uow() as uow:
        due = uow.retries.take_due(RetryKind.STATUS_CALLBACK, due_before=now - grace, limit=limit,
                                   lease_until=now + CALLBACK_LEASE)
        uow.commit()
    for entry in due:
        try:
            resume_callback(notify, entry)
        except Exception:  # leased: tried again when the lease ends
            log.exception("scheduled callback retry for notification %s not resumed", entry.notification_id)
    if due:
        log.info("%d callback retr%s found overdue in the store: resumed", len(due), "y" if len(due) == 1 else "ies")
    return len(due)
