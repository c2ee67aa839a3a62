"""Admin API: /service/{id}/template-folder (the tree of folders that groups a service's templates)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import template_folders as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.template_folders import CreateFolder, FolderOut, FoldersOut, MoveContents, UpdateFolder


class TemplateFolderResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/template-folder
    @operation(response=FoldersOut)
    def on_get(self, req: falcon.Request, service_id: UUID) -> FoldersOut:
        """Every folder of the service, with who may see each."""
        return FoldersOut(template_folders=[FolderOut.of(v) for v in usecases.list_folders(self._notify, service_id)])

    @operation(body=CreateFolder, response=FolderOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateFolder) -> FolderOut:
        """A new folder, at the top (`parent_id` null) or in one of the service's folders."""
        return FolderOut.of(usecases.create_folder(self._notify, service_id, name=body.name,
                                                   parent_id=body.parent_id))

    # /service/{service_id}/template-folder/{template_folder_id}
    @operation(body=UpdateFolder, response=FolderOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, template_folder_id: UUID,
                     body: UpdateFolder) -> FolderOut:
        """Rename a folder and, with `users_with_permission`, say who may see it."""
        return FolderOut.of(usecases.update_folder(self._notify, service_id, template_folder_id, name=body.name,
                                                   users_with_permission=body.users_with_permission))

    @operation(status=204)
    def on_delete_item(self, req: falcon.Request, service_id: UUID, template_folder_id: UUID) -> None:
        """Delete an empty folder (one with templates or subfolders is a 400)."""
        usecases.delete_folder(self._notify, service_id, template_folder_id)

    # /service/{service_id}/template-folder/contents
    @operation(body=MoveContents, status=204)
    def on_post_top(self, req: falcon.Request, service_id: UUID, body: MoveContents) -> None:
        """Move folders and templates to the top."""
        usecases.move_to_folder(self._notify, service_id, None, folder_ids=body.folders,
                                template_ids=body.templates)

    # /service/{service_id}/template-folder/{template_folder_id}/contents
    @operation(body=MoveContents, status=204)
    def on_post_contents(self, req: falcon.Request, service_id: UUID, template_folder_id: UUID,
                         body: MoveContents) -> None:
        """Move folders and templates into a folder (not a folder into itself or its own subfolders)."""
        usecases.move_to_folder(self._notify, service_id, template_folder_id, folder_ids=body.folders,
                                template_ids=body.templates)
