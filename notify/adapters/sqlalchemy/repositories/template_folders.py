"""Template folders in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.template_folder import TemplateFolder, TemplateFolderNotFound

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

TEMPLATE_FOLDER = RowMap(TemplateFolder)


class SqlAlchemyTemplateFolderRepository(SqlRepository[TemplateFolder]):
    table, map = t.template_folder, TEMPLATE_FOLDER
    not_found = TemplateFolderNotFound
    what = "template folder"

    def add(self, folder: TemplateFolder) -> None:
        self._insert(folder)

    def update(self, folder: TemplateFolder) -> None:
        self._update_unguarded(folder.id, folder, self.table.c.service_id == folder.service_id)

    def remove(self, service_id: UUID, folder_id: UUID) -> None:
        f = self.table
        if self._exec(sa.delete(f).where(f.c.id == folder_id, f.c.service_id == service_id)).rowcount == 0:
            raise self.not_found()

    def get(self, service_id: UUID, folder_id: UUID) -> TemplateFolder:
        return self._get_by_id(folder_id, self.table.c.service_id == service_id)

    def list_for_service(self, service_id: UUID) -> Sequence[TemplateFolder]:
        f = self.table
        return self._all(sa.select(f).where(f.c.service_id == service_id)
                         .order_by(self._text_order(f.c.name), f.c.id))
