"""How a service's templates were used lately: sends per template and status over today and up to 7 whole
days before it, and when a template last sent anything (test-key sends are not counted)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import frozen

from notify.domain import statistics
from notify.domain.constants import NotificationStatus, TemplateType
from notify.domain.errors import ValidationFailed

from .app import Notify

MAX_WHOLE_DAYS = 7


@frozen
class TemplateStatistic:
    template_id: UUID
    template_name: str
    template_type: TemplateType
    is_precompiled_letter: bool
    status: NotificationStatus
    count: int


def template_statistics(notify: Notify, service_id: UUID, whole_days: int) -> list[TemplateStatistic]:
    if not 0 <= whole_days <= MAX_WHOLE_DAYS:
        raise ValidationFailed({"whole_days": [f"whole_days must be between 0 and {MAX_WHOLE_DAYS}"]})
    since = statistics.last_days(notify.clock.now(), whole_days + 1).start
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        # notifications past their retention are in history by now: count both
        counts = statistics.combined_by_status([*uow.notifications.template_status_counts(service_id, since),
                                                *uow.notification_history.template_status_counts(service_id, since)])
        templates = {t.id: t for t in uow.templates.list_for_service(service_id, include_archived=True)}
    return [TemplateStatistic(c.template_id, t.name, t.template_type,
                              t.hidden and t.template_type is TemplateType.LETTER, c.status, c.count)
            for c in counts if (t := templates.get(c.template_id)) is not None]


def last_used(notify: Notify, service_id: UUID, template_id: UUID) -> datetime | None:
    """None when the template never sent anything; another service's template is not found."""
    with notify.read_uow() as uow:
        uow.templates.get(service_id, template_id)
        sent = [uow.notifications.last_sent(service_id, template_id),
                uow.notification_history.last_sent(service_id, template_id)]
    return max((at for at in sent if at is not None), default=None)
