"""Templates, every version kept."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.constants import NotificationType
from notify.domain.template import Template

from .. import rows as R
from .. import tables as t
from .base import VersionedRepository


class SqlAlchemyTemplateRepository(VersionedRepository[Template]):
    table, history_table, map = t.templates, t.templates_history, R.TEMPLATE
    not_found = errors.TemplateNotFound
    what = "template"

    def add(self, template: Template) -> None:
        self._add_versioned(template)

    def update(self, template: Template) -> None:
        self._update_versioned(template)

    def get(self, service_id: UUID, template_id: UUID) -> Template:
        return self._get_by_id(template_id, self.table.c.service_id == service_id)

    def find(self, template_id: UUID) -> Template | None:
        return self._one_or_none(sa.select(self.table).where(self.table.c.id == template_id))

    def get_version(self, service_id: UUID, template_id: UUID, version: int) -> Template:
        h = self.history_table
        found = self._one_or_none(sa.select(h).where(h.c.id == template_id, h.c.version == version,
                                                     h.c.service_id == service_id))
        if found is None:
            raise self.not_found()
        return found

    def versions(self, service_id: UUID, template_id: UUID) -> Sequence[Template]:
        h = self.history_table
        return self._history(h.c.id == template_id, h.c.service_id == service_id, order=[h.c.version.desc()])

    def list_for_service(self, service_id: UUID, *, template_type: NotificationType | None = None,
                         include_archived: bool = False) -> Sequence[Template]:
        tt = self.table
        statement = sa.select(tt).where(tt.c.service_id == service_id)
        if not include_archived:
            statement = statement.where(tt.c.archived.is_(False))
        if template_type is not None:
            statement = statement.where(tt.c.template_type == NotificationType(template_type).value)
        return self._all(statement.order_by(self._text_order(tt.c.name), tt.c.template_type, tt.c.id))

    def history_for_service(self, service_id: UUID) -> Sequence[Template]:
        h = self.history_table
        return self._history(h.c.service_id == service_id, order=[h.c.created_at, h.c.id, h.c.version])

    def move_to_folder(self, service_id: UUID, template_id: UUID, folder_id: UUID | None) -> None:
        tt = self.table
        moved = self._exec(sa.update(tt).where(tt.c.id == template_id, tt.c.service_id == service_id)
                           .values(folder_id=folder_id))
        if moved.rowcount == 0:
            raise self.not_found()
