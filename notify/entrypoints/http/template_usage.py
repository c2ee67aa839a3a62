"""Admin API: /service/{id}/notifications/templates_usage/monthly."""

from __future__ import annotations

from uuid import UUID

import falcon
from attrs import define

from notify.usecases.app import Notify
from notify.usecases.template_usage import monthly_template_usage

from .operation import operation
from .schemas.services import MonthlyQuery


@define(kw_only=True)
class TemplateUsageOut:
    template_id: UUID
    name: str
    type: str
    month: int
    year: int
    count: int
    is_precompiled_letter: bool


@define(kw_only=True)
class TemplateUsageStats:
    stats: list[TemplateUsageOut]


class TemplateUsageResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(query=MonthlyQuery, response=TemplateUsageStats)
    def on_get(self, req: falcon.Request, service_id: UUID, query: MonthlyQuery) -> TemplateUsageStats:
        """Per template and month of the financial year `year`, how many were sent (test keys left out)."""
        return TemplateUsageStats(stats=[
            TemplateUsageOut(template_id=u.template_id, name=u.name, type=u.template_type.value, month=u.month,
                             year=u.year, count=u.count, is_precompiled_letter=u.is_precompiled_letter)
            for u in monthly_template_usage(self._notify, service_id, year=query.year)])
