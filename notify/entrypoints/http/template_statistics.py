"""Admin API: /service/{id}/template-statistics (sends per template lately, and a template's last use)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import template_statistics as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.template_statistics import LastUsed, StatisticsQuery, TemplateStatisticOut


class TemplateStatisticsResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/template-statistics
    @operation(query=StatisticsQuery, response=list[TemplateStatisticOut], key="data")
    def on_get(self, req: falcon.Request, service_id: UUID, query: StatisticsQuery) -> list[TemplateStatisticOut]:
        """Notifications per template and status over today and `whole_days` (0 to 7) whole days before it."""
        return [TemplateStatisticOut.of(s)
                for s in usecases.template_statistics(self._notify, service_id, query.days())]

    # /service/{service_id}/template-statistics/last-used/{template_id}
    @operation(response=LastUsed)
    def on_get_last_used(self, req: falcon.Request, service_id: UUID, template_id: UUID) -> LastUsed:
        """When the template last sent a notification (null: never)."""
        return LastUsed(last_date_used=usecases.last_used(self._notify, service_id, template_id))
