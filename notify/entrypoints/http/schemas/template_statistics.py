"""Template statistics: the query (whole days, as text: Notify names a bad value) and how each row is shown."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.constants import NotificationStatus, TemplateType
from notify.domain.errors import ValidationFailed
from notify.usecases.template_statistics import TemplateStatistic

from .fields import QUERY_MAX_LENGTH, optional


@define(kw_only=True)
class StatisticsQuery:
    whole_days: str | None = optional(max_length=QUERY_MAX_LENGTH)
    limit_days: str | None = optional(max_length=QUERY_MAX_LENGTH)  # the older name of whole_days

    def days(self) -> int:
        given = self.whole_days if self.whole_days is not None else (self.limit_days or "")
        try:
            return int(given)
        except ValueError:
            raise ValidationFailed({"whole_days": [f"{given} is not an integer"]}) from None


@define(kw_only=True)
class TemplateStatisticOut:
    count: int
    template_id: UUID
    template_name: str
    template_type: TemplateType
    is_precompiled_letter: bool
    status: NotificationStatus

    @classmethod
    def of(cls, s: TemplateStatistic) -> TemplateStatisticOut:
        return cls(count=s.count, template_id=s.template_id, template_name=s.template_name,
                   template_type=s.template_type, is_precompiled_letter=s.is_precompiled_letter, status=s.status)


@define(kw_only=True)
class LastUsed:
    last_date_used: datetime | None
