"""Template email files: a file a team attaches to an email template, sent as a link in each email. A new
file is pending until the team makes it live; archiving takes it off the template."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .errors import InvalidRequest, NotFound


class TemplateEmailFileNotFound(NotFound): ...


@frozen(kw_only=True)
class TemplateEmailFile:
    id: UUID
    service_id: UUID
    template_id: UUID
    template_version: int  # the template's version when the file was last changed
    filename: str
    link_text: str | None
    retention_period: int  # weeks the file may be downloaded after an email is sent
    validate_users_email: bool
    pending: bool
    created_at: datetime
    created_by_id: UUID | None
    updated_at: datetime | None = None
    archived_at: datetime | None = None
    archived_by_id: UUID | None = None

    @property
    def live(self) -> bool:
        return not self.pending and self.archived_at is None

    def changed(self, *, now: datetime, **changes: object) -> TemplateEmailFile:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]

    def archived(self, *, by: UUID, now: datetime) -> TemplateEmailFile:
        return evolve(self, archived_at=now, archived_by_id=by, updated_at=now)


def check_unique_filename(filename: str, template_id: UUID, others: list[TemplateEmailFile]) -> None:
    """One live file per name (any case) on a template."""
    if filename.casefold() in {f.filename.casefold() for f in others}:
        raise InvalidRequest(f"File named {filename} already exists for template id {template_id}")
