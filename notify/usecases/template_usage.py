"""How much each of a service's templates was used, month by month over a financial year."""

from __future__ import annotations

from uuid import UUID

from attrs import frozen

from notify.domain import statistics as rules
from notify.domain.constants import TemplateType
from notify.domain.errors import TemplateNotFound

from .app import Notify


@frozen
class TemplateUsage:
    template_id: UUID
    name: str
    template_type: TemplateType
    year: int
    month: int
    count: int
    is_precompiled_letter: bool


def monthly_template_usage(notify: Notify, service_id: UUID, *, year: int) -> list[TemplateUsage]:
    months = rules.financial_year_months(year, notify.clock.now())
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        counts = rules.combined([*uow.notifications.template_counts(service_id, months),
                                 *uow.notification_history.template_counts(service_id, months)]) if months else []
        usage = []
        for c in counts:
            try:
                template = uow.templates.get(service_id, c.template_id)
            except TemplateNotFound:  # sent from another service's template: not this service's to show
                continue
            y, m = (int(part) for part in c.period.split("-"))
            usage.append(TemplateUsage(c.template_id, template.name, template.template_type, y, m, c.count,
                                       template.hidden and template.template_type is TemplateType.LETTER))
    return usage
