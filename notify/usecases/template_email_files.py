"""Files attached to email templates, as Notify's admin manages them: a new file is pending until the team
makes it live (its name unique on the template, whatever the case); changing or archiving a live file is a
change to the template, so the template gets a new version."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from notify.domain import errors
from notify.domain.constants import TemplateType
from notify.domain.template import Template
from notify.domain.template_email_file import TemplateEmailFile, check_unique_filename
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify

DEFAULT_RETENTION_WEEKS = 1
EDITABLE = ("filename", "link_text", "retention_period", "validate_users_email", "pending")


def create_file(notify: Notify, service_id: UUID, template_id: UUID, *, file_id: UUID | None, filename: str,
                link_text: str | None, retention_period: int | None, validate_users_email: bool | None,
                created_by: UUID | None) -> TemplateEmailFile:
    now = notify.clock.now()
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        template = uow.templates.get(service_id, template_id)
        if template.template_type is not TemplateType.EMAIL:
            raise errors.InvalidRequest("Cannot add an email file to a non-email template")
        if not service.has_permission(TemplateType.EMAIL.value):
            raise errors.InvalidRequest("Updating email templates is not allowed")
        check_unique_filename(filename, template_id, _live(uow, service_id, template_id))
        created = TemplateEmailFile(
            id=file_id or notify.ids.new(), service_id=service_id, template_id=template_id,
            template_version=template.version, filename=filename, link_text=link_text,
            retention_period=DEFAULT_RETENTION_WEEKS if retention_period is None else retention_period,
            validate_users_email=True if validate_users_email is None else validate_users_email, pending=True,
            created_at=now, created_by_id=created_by)
        uow.template_email_files.add(created)
        uow.commit()
    return created


def list_files(notify: Notify, service_id: UUID, template_id: UUID) -> Sequence[TemplateEmailFile]:
    """The template's live files (neither pending nor archived)."""
    with notify.read_uow() as uow:
        uow.templates.get(service_id, template_id)
        return _live(uow, service_id, template_id)


def files_of(notify: Notify, template: Template) -> Sequence[TemplateEmailFile]:
    """What an email template's version sends: its live files changed at or before that version."""
    if template.template_type is not TemplateType.EMAIL:
        return []
    with notify.read_uow() as uow:
        return [f for f in _live(uow, template.service_id, template.id) if f.template_version <= template.version]


def get_file(notify: Notify, service_id: UUID, template_id: UUID, file_id: UUID) -> TemplateEmailFile:
    with notify.read_uow() as uow:
        return uow.template_email_files.get(service_id, template_id, file_id)


def update_file(notify: Notify, service_id: UUID, template_id: UUID, file_id: UUID,
                changes: Mapping[str, Any]) -> TemplateEmailFile:
    """`pending: false` makes a pending file live; other changes to a live file make a new template version."""
    now = notify.clock.now()
    with notify.uow() as uow:
        current = uow.template_email_files.get(service_id, template_id, file_id)
        wanted = {name: value for name, value in changes.items() if name in EDITABLE}
        if all(getattr(current, name) == value for name, value in wanted.items()):
            return current
        template = uow.templates.get(service_id, template_id)
        updated = current.changed(now=now, **wanted)
        if current.pending and not updated.pending:
            others = [f for f in _live(uow, service_id, template_id) if f.id != file_id]
            check_unique_filename(updated.filename, template_id, others)
            updated = updated.changed(now=now, template_version=template.version)
        elif not updated.pending:
            updated = updated.changed(now=now, template_version=_new_template_version(uow, template, now))
        uow.template_email_files.update(updated)
        uow.commit()
    notify.cache.forget_service(service_id)
    return updated


def archive_file(notify: Notify, service_id: UUID, template_id: UUID, file_id: UUID, *,
                 archived_by: UUID) -> TemplateEmailFile:
    now = notify.clock.now()
    with notify.uow() as uow:
        current = uow.template_email_files.get(service_id, template_id, file_id)
        if current.archived_at is not None:
            return current
        template = uow.templates.get(service_id, template_id)
        archived = current.archived(by=archived_by, now=now).changed(
            now=now, template_version=_new_template_version(uow, template, now))
        uow.template_email_files.update(archived)
        uow.commit()
    notify.cache.forget_service(service_id)
    return archived


def _new_template_version(uow: UnitOfWork, template: Template, now: Any) -> int:
    changed = template.changed(now=now)
    uow.templates.update(changed)
    return changed.version


def _live(uow: UnitOfWork, service_id: UUID, template_id: UUID) -> list[TemplateEmailFile]:
    return [f for f in uow.template_email_files.list_for_template(service_id, template_id) if f.live]
