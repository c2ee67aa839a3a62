"""In-memory template folders (the contract suite holds them to the SQL store's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.template_folder import TemplateFolder, TemplateFolderNotFound

from .base import ServiceScopedRepository


class InMemoryTemplateFolderRepository(ServiceScopedRepository[TemplateFolder]):
    table_name = "template_folder"
    not_found = TemplateFolderNotFound

    def add(self, folder: TemplateFolder) -> None:
        self._insert(folder.id, folder, what="template folder")

    def update(self, folder: TemplateFolder) -> None:
        self._replace_for(folder.service_id, folder.id, folder)

    def remove(self, service_id: UUID, folder_id: UUID) -> None:
        self._get_for(service_id, folder_id)
        self._session.delete(self.table_name, folder_id)

    def get(self, service_id: UUID, folder_id: UUID) -> TemplateFolder:
        return self._get_for(service_id, folder_id)

    def list_for_service(self, service_id: UUID) -> Sequence[TemplateFolder]:
        return sorted((f for f in self._rows.values() if f.service_id == service_id), key=lambda f: (f.name, f.id))
