"""Services' callback APIs (delivery receipts, inbound text messages), every version kept."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.callback_api import ServiceCallbackApi

from .. import rows as R
from .. import tables as t
from .base import VersionedRepository


class SqlAlchemyCallbackApiRepository(VersionedRepository[ServiceCallbackApi]):
    table, history_table, map = t.service_callback_api, t.service_callback_api_history, R.CALLBACK_API
    not_found = errors.CallbackApiNotFound
    what = "callback api"

    def add(self, callback: ServiceCallbackApi) -> None:
        self._add_versioned(callback)

    def update(self, callback: ServiceCallbackApi) -> None:
        self._update_versioned(callback)

    def remove(self, service_id: UUID, callback_id: UUID) -> None:
        c = self.table
        result = self._exec(sa.delete(c).where(c.c.id == callback_id, c.c.service_id == service_id))
        if result.rowcount == 0:
            raise self.not_found()

    def get(self, service_id: UUID, callback_id: UUID) -> ServiceCallbackApi:
        return self._get_by_id(callback_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceCallbackApi]:
        c = self.table
        return self._all(sa.select(c).where(c.c.service_id == service_id)
                         .order_by(self._text_order(c.c.callback_type), c.c.id))
