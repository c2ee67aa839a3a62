"""Uploads: the list's query, how a spreadsheet or a day of uploaded letters is shown."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from notify.domain.constants import TemplateType
from notify.usecases.uploads import Upload

from .fields import INT_MAX, MAX_DAYS, optional
from .jobs import PageLinks, StatusCount

UPLOAD_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@define(kw_only=True)
class UploadsQuery:
    limit_days: int | None = optional(minimum=0, maximum=MAX_DAYS)
    page: int = optional(default=1, minimum=1, maximum=INT_MAX)


@define(kw_only=True)
class UploadRow:
    id: UUID | None
    original_file_name: str
    notification_count: int
    created_at: str  # UTC, without a zone, as Notify shows uploads
    upload_type: str
    template_type: TemplateType
    recipient: str | None
    statistics: list[StatusCount]

    @classmethod
    def of(cls, u: Upload) -> UploadRow:
        return cls(id=u.id, original_file_name=u.original_file_name, notification_count=u.notification_count,
                   created_at=u.shown_at.strftime(UPLOAD_TIME_FORMAT), upload_type=u.upload_type,
                   template_type=u.template_type, recipient=None,
                   statistics=[StatusCount(status=s, count=n) for s, n in u.statistics])


@define(kw_only=True)
class UploadList:
    data: list[UploadRow]
    page_size: int
    total: int
    links: PageLinks


@define(kw_only=True)
class PagesQuery:
    page: int = optional(default=1, minimum=1, maximum=INT_MAX)
