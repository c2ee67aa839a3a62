"""Template folders: create, rename (and share), move contents; how a folder is shown."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from notify.usecases.template_folders import FolderView

from .fields import optional, required


@define(kw_only=True)
class CreateFolder:
    name: str = required(max_length=255, not_blank=True)
    parent_id: UUID | None = required()


@define(kw_only=True)
class UpdateFolder:
    name: str = required(max_length=255, not_blank=True)
    users_with_permission: list[UUID] | None = optional()


@define(kw_only=True)
class MoveContents:
    templates: list[UUID] = required()
    folders: list[UUID] = required()


@define(kw_only=True)
class FolderOut:
    id: UUID
    name: str
    parent_id: UUID | None
    service_id: UUID
    users_with_permission: list[str]

    @classmethod
    def of(cls, view: FolderView) -> FolderOut:
        f = view.folder
        return cls(id=f.id, name=f.name, parent_id=f.parent_id, service_id=f.service_id,
                   users_with_permission=[str(u) for u in view.users_with_permission])


@define(kw_only=True)
class FoldersOut:
    template_folders: list[FolderOut]
