"""Contact lists: the create body (an uploaded file's metadata) and how a list is shown."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.constants import TemplateType
from notify.usecases.contact_lists import ContactListView

from .fields import required


@define(kw_only=True)
class CreateContactList:
    id: UUID = required()
    original_file_name: str = required(max_length=255, not_blank=True)
    row_count: int = required(minimum=0)
    template_type: TemplateType = required()
    created_by: UUID = required()


@define(kw_only=True)
class ContactListOut:
    id: UUID
    original_file_name: str
    row_count: int
    recent_job_count: int
    has_jobs: bool
    template_type: TemplateType
    service_id: UUID
    created_by: str | None  # the uploader's name
    created_at: datetime

    @classmethod
    def of(cls, view: ContactListView) -> ContactListOut:
        c = view.contact_list
        return cls(id=c.id, original_file_name=c.original_file_name, row_count=c.row_count,
                   recent_job_count=view.recent_job_count, has_jobs=view.has_jobs, template_type=c.template_type,
                   service_id=c.service_id, created_by=view.created_by_name, created_at=c.created_at)
