"""Template administration: create, update (each change a new version), archive, read, versions, preview."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.constants import TemplateType
from notify.domain.template import Template, new_template
from notify.domain.user import User
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .user_refs import named_user
from .letter_contacts import check_template_reply_to
from .template_folders import check_folder

CHANNEL_TEXT = {TemplateType.SMS: "text message", TemplateType.EMAIL: "email", TemplateType.LETTER: "letter"}


@frozen
class TemplateVersion:
    """A version of a template with the user who wrote it (None if that user is gone)."""

    template: Template
    created_by: User | None


def create_template(notify: Notify, service_id: UUID, *, name: str, template_type: TemplateType, content: str,
                    created_by: UUID, **details: Any) -> Template:
    template = new_template(id=notify.ids.new(), service_id=service_id, name=name, template_type=template_type,
                            content=content, created_by=created_by, now=notify.clock.now(), **details)
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        if not service.has_permission(template_type.value):
            raise errors.Forbidden(f"Creating {CHANNEL_TEXT[template_type]} templates is not allowed",
                                   field="template_type")
        _user(uow, created_by)
        check_template_reply_to(uow, service_id, template_type, template.reply_to)
        check_folder(uow, service_id, template.folder_id)
        uow.templates.add(template)
        uow.commit()
    return template


def update_template(notify: Notify, service_id: UUID, template_id: UUID, changes: Mapping[str, Any], *,
                    by: UUID | None = None) -> Template:
    """Apply `changes`; a new version only when something changed. `{"archived": True}` archives."""
    changes = dict(changes)
    with notify.uow() as uow:
        current = uow.templates.get(service_id, template_id)
        if changes.pop("template_type", current.template_type) != current.template_type:
            raise errors.ValidationFailed({"template_type": ["The type of a template cannot be changed"]})
        if current.archived:
            raise errors.InvalidRequest("Template has been deleted", field="template")
        if by is not None:
            _user(uow, by)
        if changes.get("reply_to") is not None:
            check_template_reply_to(uow, service_id, current.template_type, changes["reply_to"])
        check_folder(uow, service_id, changes.get("folder_id"))
        if changes.get("archived"):
            changes["folder_id"] = None  # an archived template leaves its folder
        updated = current.update(now=notify.clock.now(), by=by, **changes)
        if updated is current:
            return current  # nothing changed: no new version
        uow.templates.update(updated)
        uow.commit()
    notify.cache.forget_service(service_id)  # the hot path's 2 s cache: show edits at once
    return updated


def archive_template(notify: Notify, service_id: UUID, template_id: UUID, *, by: UUID | None = None) -> Template:
    return update_template(notify, service_id, template_id, {"archived": True}, by=by)


def get_template(notify: Notify, service_id: UUID, template_id: UUID) -> Template:
    with notify.uow() as uow:
        return uow.templates.get(service_id, template_id)


def get_template_version(notify: Notify, service_id: UUID, template_id: UUID, version: int) -> TemplateVersion:
    with notify.uow() as uow:
        template = uow.templates.get_version(service_id, template_id, version)
        return TemplateVersion(template, _find_user(uow, template.created_by))


def list_template_versions(notify: Notify, service_id: UUID, template_id: UUID) -> Sequence[TemplateVersion]:
    """Every version, newest first; unknown template → TemplateNotFound."""
    with notify.uow() as uow:
        versions = uow.templates.versions(service_id, template_id)
        if not versions:
            raise errors.TemplateNotFound()
        users = {u.id: u for u in uow.users.list(list({t.created_by for t in versions}))}
        return [TemplateVersion(t, users.get(t.created_by)) for t in versions]


def list_templates(notify: Notify, service_id: UUID, template_type: TemplateType | None = None
                   ) -> Sequence[Template]:
    """A service's current templates (not archived), by name."""
    with notify.uow() as uow:
        uow.services.get(service_id)
        return uow.templates.list_for_service(service_id, template_type=template_type)


def preview_template(notify: Notify, service_id: UUID, template_id: UUID, personalisation: Mapping[str, Any]
                     ) -> tuple[Template, str, str | None]:
    """The template with content and subject filled in; missing personalisation → InvalidRequest."""
    template = get_template(notify, service_id, template_id)
    content, subject = template.preview(personalisation)
    return template, content, subject


def _user(uow: UnitOfWork, user_id: UUID) -> User:
    return named_user(uow, user_id, field="created_by")


def _find_user(uow: UnitOfWork, user_id: UUID) -> User | None:
    try:
        return uow.users.get(user_id)
    except errors.UserNotFound:
        return None
