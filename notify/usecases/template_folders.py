"""Template folders as Notify's admin keeps them: a tree per service; each folder seen by the team members
given access to it. A new folder is shared with whoever may see its parent (a top folder: the whole active
team); only an empty folder may be deleted; moves keep the tree a tree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from attrs import evolve, frozen

from notify.domain import errors
from notify.domain.constants import UserState
from notify.domain.service import ServiceUser
from notify.domain.template_folder import TemplateFolder, TemplateFolderNotFound, check_move, checked_name
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify


@frozen
class FolderView:
    folder: TemplateFolder
    users_with_permission: Sequence[UUID]


def list_folders(notify: Notify, service_id: UUID) -> Sequence[FolderView]:
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        members = uow.service_users.list_for_service(service_id)
        return [_view(f, members) for f in uow.template_folders.list_for_service(service_id)]


def create_folder(notify: Notify, service_id: UUID, *, name: str, parent_id: UUID | None) -> FolderView:
    folder = TemplateFolder(id=notify.ids.new(), service_id=service_id, name=checked_name(name), parent_id=parent_id)
    with notify.uow() as uow:
        uow.services.get(service_id)
        members = uow.service_users.list_for_service(service_id)
        if parent_id is not None:
            try:
                uow.template_folders.get(service_id, parent_id)
            except TemplateFolderNotFound:
                raise errors.InvalidRequest("parent_id not found") from None
            sharing = {m.user_id for m in members if parent_id in m.folder_permissions}
        else:
            active = {u.id for u in uow.users.list([m.user_id for m in members]) if u.state is UserState.ACTIVE}
            sharing = {m.user_id for m in members if m.user_id in active}
        uow.template_folders.add(folder)
        members = _share(uow, folder.id, members, sharing)
        uow.commit()
    return _view(folder, members)


def update_folder(notify: Notify, service_id: UUID, folder_id: UUID, *, name: str,
                  users_with_permission: Iterable[UUID] | None) -> FolderView:
    """Rename; when `users_with_permission` is given, exactly those team members may see the folder (someone
    outside the team is not found)."""
    with notify.uow() as uow:
        folder = uow.template_folders.get(service_id, folder_id).renamed(name)
        uow.template_folders.update(folder)
        members = uow.service_users.list_for_service(service_id)
        if users_with_permission is not None:
            wanted = set(users_with_permission)
            if wanted - {m.user_id for m in members}:
                raise errors.UserNotFound()
            members = _share(uow, folder_id, members, wanted)
        uow.commit()
    return _view(folder, members)


def delete_folder(notify: Notify, service_id: UUID, folder_id: UUID) -> None:
    with notify.uow() as uow:
        uow.template_folders.get(service_id, folder_id)
        has_subfolders = any(f.parent_id == folder_id for f in uow.template_folders.list_for_service(service_id))
        if has_subfolders or any(t.folder_id == folder_id for t in uow.templates.list_for_service(service_id)):
            raise errors.InvalidRequest("Folder is not empty")
        _share(uow, folder_id, uow.service_users.list_for_service(service_id), set())
        uow.template_folders.remove(service_id, folder_id)
        uow.commit()


def move_to_folder(notify: Notify, service_id: UUID, target_id: UUID | None, *, folder_ids: Sequence[UUID],
                   template_ids: Sequence[UUID]) -> None:
    """Move folders and templates into `target_id` (None: the top). Archived templates stay where they are."""
    with notify.uow() as uow:
        folders = {f.id: f for f in uow.template_folders.list_for_service(service_id)}
        if target_id is not None and target_id not in folders:
            raise TemplateFolderNotFound()
        for folder_id in folder_ids:
            if folder_id not in folders:
                raise errors.InvalidRequest(f"No folder found with id {folder_id} for service {service_id}")
            check_move(folder_id, target_id, folders)
            folders[folder_id] = folders[folder_id].moved_to(target_id)
            uow.template_folders.update(folders[folder_id])
        for template_id in template_ids:
            try:
                template = uow.templates.get(service_id, template_id)
            except errors.TemplateNotFound:
                raise errors.InvalidRequest(f"Could not move to folder: No template found with id {template_id} "
                                            f"for service {service_id}") from None
            if not template.archived:
                uow.templates.move_to_folder(service_id, template_id, target_id)
        uow.commit()
    notify.cache.forget_service(service_id)


def check_folder(uow: UnitOfWork, service_id: UUID, folder_id: UUID | None) -> None:
    """A template is filed in one of its own service's folders, or at the top."""
    if folder_id is None:
        return
    try:
        uow.template_folders.get(service_id, folder_id)
    except TemplateFolderNotFound:
        raise errors.InvalidRequest("parent_folder_id not found") from None


def own_folders(uow: UnitOfWork, service_id: UUID, folder_ids: Iterable[UUID]) -> frozenset[UUID]:
    """The ids that name the service's own folders: a member is never given an unknown or another service's
    folder (Notify drops those too)."""
    wanted = set(folder_ids)
    if not wanted:
        return frozenset()
    return frozenset(f.id for f in uow.template_folders.list_for_service(service_id) if f.id in wanted)


def _share(uow: UnitOfWork, folder_id: UUID, members: Sequence[ServiceUser], users: set[UUID]
           ) -> list[ServiceUser]:
    """Give the folder to exactly `users` among `members`; the members as they now are."""
    updated = []
    for member in members:
        has = folder_id in member.folder_permissions
        if has != (member.user_id in users):
            permitted = member.folder_permissions ^ {folder_id}
            member = evolve(member, folder_permissions=permitted)
            uow.service_users.update(member)
        updated.append(member)
    return updated


def _view(folder: TemplateFolder, members: Sequence[ServiceUser]) -> FolderView:
    return FolderView(folder, sorted((m.user_id for m in members if folder.id in m.folder_permissions), key=str))
