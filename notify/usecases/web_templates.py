"""What the web pages need beyond the admin API's use cases: which of a user's services a page may show, and
a preview of a template being written (not yet saved), with its placeholders shown as placeholders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import errors, message, sms
from notify.domain.constants import TemplateType, UserPermission
from notify.domain.service import Service
from notify.domain.template import Template, new_template
from notify.domain.template_folder import TemplateFolder, TemplateFolderNotFound, ancestors, visible_folders
from notify.domain.user import User

from .app import Notify

EVERY_PERMISSION = frozenset(p.value for p in UserPermission)


@frozen
class Membership:
    service: Service
    permissions: frozenset[str]
    folders: frozenset[UUID] | None = None  # the template folders shared with the member (None: all of them)

    def can(self, permission: UserPermission) -> bool:
        return permission.value in self.permissions

    def sees(self, template: Template) -> bool:
        """Templates at the top are everyone's; one in a folder, of those the folder is shared with."""
        return template.folder_id is None or self.folders is None or template.folder_id in self.folders


@frozen
class FolderPage:
    """One level of a service's template tree as a member sees it."""

    folder: TemplateFolder | None  # None: the top
    path: list[TemplateFolder]  # from the top down to `folder`, for the way back
    subfolders: list[TemplateFolder]
    templates: list[Template]


def folder_page(notify: Notify, membership: Membership, folder_id: UUID | None) -> FolderPage:
    """The folders and templates directly in `folder_id` that the member may see (a folder of another service,
    or one not shared with the member, is not found). Folders leading to a shared one are shown too, so the way
    down is there."""
    with notify.read_uow() as uow:
        every = uow.template_folders.list_for_service(membership.service.id)
        in_service = uow.templates.list_for_service(membership.service.id)
    by_id = {f.id: f for f in every}
    shown = set(by_id) if membership.folders is None else visible_folders(every, membership.folders)
    if folder_id is not None and folder_id not in shown:
        raise TemplateFolderNotFound()
    current, path = None, []
    if folder_id is not None:
        current = by_id[folder_id]
        path = [by_id[i] for i in reversed(ancestors(folder_id, by_id))] + [current]
    return FolderPage(
        folder=current, path=path,
        subfolders=sorted((f for f in every if f.parent_id == folder_id and f.id in shown),
                          key=lambda f: f.name.lower()),
        templates=[t for t in in_service if t.folder_id == folder_id and not t.archived and membership.sees(t)])


def service_for(notify: Notify, user: User, service_id: UUID) -> Membership:
    """The service if the user belongs to it (a platform admin reaches every one), else ServiceNotFound: a
    page of someone else's service is not found, not forbidden."""
    with notify.uow() as uow:
        member = uow.service_users.find(service_id, user.id)
        if member is None and not user.platform_admin:
            raise errors.ServiceNotFound()
        service = uow.services.get(service_id)
    if member is None or user.platform_admin:
        return Membership(service, EVERY_PERMISSION)
    return Membership(service, member.permissions, member.folder_permissions)


@frozen
class DraftPreview:
    body: str
    subject: str | None
    placeholders: list[str]
    fragments: int  # text messages: how many parts it is sent in (placeholders counted as written)
    characters: int


def preview_draft(service: Service, user_id: UUID, *, template_type: TemplateType, name: str, content: str,
                  subject: str | None = None, now: Any, **details: Any) -> DraftPreview:
    """A draft checked by the same rules as a saved template (InvalidRequest / ValidationFailed as saving
    would raise), rendered with each placeholder standing for itself."""
    draft = new_template(id=service.id, service_id=service.id, name=name or "draft", template_type=template_type,
                         content=content, subject=subject if template_type is not TemplateType.SMS else None,
                         created_by=user_id, now=now, **details)
    names = message.placeholder_names(draft)
    values: Mapping[str, Any] = {n: f"(({n}))" for n in names}
    rendered = message.preview(draft, values)
    fragments = rendered.fragments if template_type is TemplateType.SMS else 0
    characters = sms.character_count(rendered.body) if template_type is TemplateType.SMS else len(rendered.body)
    return DraftPreview(rendered.body, rendered.subject, names, fragments, characters)
