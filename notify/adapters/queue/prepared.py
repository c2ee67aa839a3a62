"""Notifications this process has just accepted, kept for its own delivery workers.

With the in-process queue the worker that delivers a notification runs in the process that accepted it a
moment before; reading it back from the store (and decrypting and rendering it again) would repeat work
already done. The queue keeps the notification and its rendered message here and hands them to delivery with
their ids (delivery's guarded transitions, not this cache, decide who delivers). Bounded: past `capacity`
the oldest are dropped, and delivery reads those from the store, as it does for anything accepted elsewhere.
A created notification never changes until it is claimed, so what is kept here cannot be stale."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from uuid import UUID

from notify.ports.queue import Prepared


class PreparedMessages:
    def __init__(self, capacity: int = 20_000) -> None:
        self._capacity = capacity
        self._kept: OrderedDict[UUID, Prepared] = OrderedDict()
        self._lock = threading.Lock()

    def put_many(self, prepared: Collection[Prepared]) -> None:
        with self._lock:
            for item in prepared:
                self._kept[item[0].id] = item
            while len(self._kept) > self._capacity:
                self._kept.popitem(last=False)

    def take(self, notification_ids: Collection[UUID]) -> dict[UUID, Prepared]:
        taken: dict[UUID, Prepared] = {}
        with self._lock:
            for notification_id in notification_ids:
                found = self._kept.pop(notification_id, None)
                if found is not None:
                    taken[notification_id] = found
        return taken
