"""Templates, every version kept."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from attrs import evolve

from notify.domain import errors
from notify.domain.constants import NotificationType
from notify.domain.template import Template

from .base import VersionedRepository


class InMemoryTemplateRepository(VersionedRepository[Template]):
    table_name = "templates"
    not_found = errors.TemplateNotFound

    def add(self, template: Template) -> None:
        self._add_versioned(template, what="template")

    def update(self, template: Template) -> None:
        self._update_versioned(template)

    def find(self, template_id: UUID) -> Template | None:
        return self._rows.get(template_id)

    def get(self, service_id: UUID, template_id: UUID) -> Template:
        template = self._get(template_id)
        if template.service_id != service_id:
            raise self.not_found()
        return template

    def get_version(self, service_id: UUID, template_id: UUID, version: int) -> Template:
        history: dict[tuple[UUID, int], Template] = self._session.table("templates_history")
        found = history.get((template_id, version))
        if found is None or found.service_id != service_id:
            raise self.not_found()
        return found

    def versions(self, service_id: UUID, template_id: UUID) -> Sequence[Template]:
        rows = self._versions_of(lambda t: t.id == template_id and t.service_id == service_id)
        return sorted(rows, key=lambda t: t.version, reverse=True)

    def list_for_service(self, service_id: UUID, *, template_type: NotificationType | None = None,
                         include_archived: bool = False) -> Sequence[Template]:
        rows = (
            t for t in self._rows.values()
            if t.service_id == service_id
            and (include_archived or not t.archived)
            and (template_type is None or t.template_type == template_type)
        )
        return sorted(rows, key=lambda t: (t.name, t.template_type, t.id))

    def history_for_service(self, service_id: UUID) -> Sequence[Template]:
        return sorted(self._versions_of(lambda t: t.service_id == service_id),
                      key=lambda t: (t.created_at, str(t.id), t.version))

    def move_to_folder(self, service_id: UUID, template_id: UUID, folder_id: UUID | None) -> None:
        self._session.put(self.table_name, template_id, evolve(self.get(service_id, template_id), folder_id=folder_id))
