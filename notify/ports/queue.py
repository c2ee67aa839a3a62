"""The delivery queue: hands a persisted notification's id to whatever delivers it, outside the request.

At-least-once: a queue may hand the same id over twice (or a sweep may re-enqueue one stuck in `created`);
the delivery use case's guarded transitions make a second hand-over a no-op, so nothing is sent twice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.message import Message
from notify.domain.notification import Notification

# A notification just stored in `created` with its rendered message (None: delivery renders it).
Prepared = tuple[Notification, Message | None]


class DeliveryQueue(Protocol):
    def enqueue(self, notification_id: UUID) -> None:
        """Schedule delivery of a notification already committed in `created`. Never blocks on a provider."""
        ...

    def enqueue_many(self, notification_ids: Sequence[UUID], *, delay: float = 0.0) -> None:
        """`enqueue` for many at once (a job's batch, a sweep): one hand-over, delivered in batches
        (`delivery.deliver_many`) by adapters that can; no sooner than `delay` seconds from now (a retry).
        An in-process adapter loses what waits when the process stops: the delivery sweep finds it again."""
        ...

    def enqueue_prepared(self, prepared: Sequence[Prepared]) -> None:
        """`enqueue_many` for notifications this process has just stored and rendered. A queue whose workers
        run in this process hands them to delivery as they are (nothing to read back from the store, nothing
        to render again); any other queue carries their ids."""
        ...
