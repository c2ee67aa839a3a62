"""In-memory template email files (the contract suite holds them to the SQL store's behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.template_email_file import TemplateEmailFile, TemplateEmailFileNotFound

from .base import ServiceScopedRepository


class InMemoryTemplateEmailFileRepository(ServiceScopedRepository[TemplateEmailFile]):
    table_name = "template_email_files"
    not_found = TemplateEmailFileNotFound

    def add(self, file: TemplateEmailFile) -> None:
        self._insert(file.id, file, what="template email file")

    def update(self, file: TemplateEmailFile) -> None:
        self.get(file.service_id, file.template_id, file.id)
        self._replace(file.id, file)

    def get(self, service_id: UUID, template_id: UUID, file_id: UUID) -> TemplateEmailFile:
        found = self._get_for(service_id, file_id)
        if found.template_id != template_id:
            raise self.not_found()
        return found

    def list_for_template(self, service_id: UUID, template_id: UUID) -> Sequence[TemplateEmailFile]:
        return sorted((f for f in self._rows.values() if f.service_id == service_id and f.template_id == template_id),
                      key=lambda f: (f.created_at, f.id))
