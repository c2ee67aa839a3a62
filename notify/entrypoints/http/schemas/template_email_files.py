"""Template email files: the create and change bodies, the archive body, and how a file is shown."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.template_email_file import TemplateEmailFile

from .fields import Changes, optional, required

MAX_RETENTION_WEEKS = 78  # a year and a half


@define(kw_only=True)
class EmailFileFields(Changes):
    """What the admin app sends: every field optional when changing a file (left out: unchanged)."""

    filename: str = optional(max_length=255, not_blank=True)
    link_text: str | None = optional(max_length=255)
    retention_period: int = optional(minimum=1, maximum=MAX_RETENTION_WEEKS)
    validate_users_email: bool = optional()
    pending: bool = optional()
    # sent by Notify's admin app, and not changed by it: the path and the stored file say these
    id: UUID | None = optional()
    service: UUID | None = optional()
    created_by_id: UUID | None = optional()
    template_version: int | None = optional()
    archived_by_id: UUID | None = optional()


@define(kw_only=True)
class CreateEmailFile(EmailFileFields):
    filename: str = required(max_length=255, not_blank=True)
    created_by_id: UUID | None = required()


@define(kw_only=True)
class ArchiveEmailFile:
    archived_by_id: UUID = required()


@define(kw_only=True)
class EmailFileOut:
    id: UUID
    template_id: UUID
    template_version: int
    filename: str
    link_text: str | None
    retention_period: int
    validate_users_email: bool
    pending: bool
    created_at: datetime
    created_by_id: UUID | None
    updated_at: datetime | None
    archived_at: datetime | None
    archived_by_id: UUID | None

    @classmethod
    def of(cls, f: TemplateEmailFile) -> EmailFileOut:
        return cls(id=f.id, template_id=f.template_id, template_version=f.template_version, filename=f.filename,
                   link_text=f.link_text, retention_period=f.retention_period,
                   validate_users_email=f.validate_users_email, pending=f.pending, created_at=f.created_at,
                   created_by_id=f.created_by_id, updated_at=f.updated_at, archived_at=f.archived_at,
                   archived_by_id=f.archived_by_id)


@define(kw_only=True)
class EmailFileShown:
    """A file as a template's JSON lists it."""

    id: UUID
    filename: str
    link_text: str | None
    retention_period: int
    validate_users_email: bool
    pending: bool

    @classmethod
    def of(cls, f: TemplateEmailFile) -> EmailFileShown:
        return cls(id=f.id, filename=f.filename, link_text=f.link_text, retention_period=f.retention_period,
                   validate_users_email=f.validate_users_email, pending=f.pending)
