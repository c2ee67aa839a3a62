"""Services' callback APIs, every version kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.callback_api import ServiceCallbackApi

from .base import VersionedRepository


class InMemoryCallbackApiRepository(VersionedRepository[ServiceCallbackApi]):
    table_name = "callback_apis"
    not_found = errors.CallbackApiNotFound

    def _same_type(self, callback: ServiceCallbackApi) -> Callable[[ServiceCallbackApi], bool]:
        return lambda c: c.service_id == callback.service_id and c.callback_type == callback.callback_type

    def add(self, callback: ServiceCallbackApi) -> None:
        self._add_versioned(callback, self._same_type(callback), "callback api")

    def update(self, callback: ServiceCallbackApi) -> None:
        self._update_versioned(callback, self._same_type(callback))

    def remove(self, service_id: UUID, callback_id: UUID) -> None:
        self.get(service_id, callback_id)
        self._session.delete(self.table_name, callback_id)

    def get(self, service_id: UUID, callback_id: UUID) -> ServiceCallbackApi:
        callback = self._get(callback_id)
        if callback.service_id != service_id:
            raise self.not_found()
        return callback

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceCallbackApi]:
        return sorted((c for c in self._rows.values() if c.service_id == service_id),
                      key=lambda c: (c.callback_type, c.id))
