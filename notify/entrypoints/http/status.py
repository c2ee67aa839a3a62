"""Health check: unauthenticated, as Notify's /_status; it also proves the store answers."""

from __future__ import annotations

import falcon

from notify.usecases.app import Notify
from notify.usecases.health import check_store

from .operation import operation
from .schemas.status import Health


class StatusResource:
    auth = "none"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(response=Health)
    def on_get(self, req: falcon.Request) -> Health:
        """Whether the API and its store answer."""
        check_store(self._notify)  # raises StoreUnavailable (503) when the store is down
        return Health(status="ok", db_version="n/a")
