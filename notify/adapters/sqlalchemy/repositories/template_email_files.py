"""Template email files in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.template_email_file import TemplateEmailFile, TemplateEmailFileNotFound

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

TEMPLATE_EMAIL_FILE = RowMap(TemplateEmailFile)


class SqlAlchemyTemplateEmailFileRepository(SqlRepository[TemplateEmailFile]):
    table, map = t.template_email_files, TEMPLATE_EMAIL_FILE
    not_found = TemplateEmailFileNotFound
    what = "template email file"

    def add(self, file: TemplateEmailFile) -> None:
        self._insert(file)

    def update(self, file: TemplateEmailFile) -> None:
        f = self.table
        self._update_unguarded(file.id, file, f.c.service_id == file.service_id, f.c.template_id == file.template_id)

    def get(self, service_id: UUID, template_id: UUID, file_id: UUID) -> TemplateEmailFile:
        f = self.table
        return self._get_by_id(file_id, f.c.service_id == service_id, f.c.template_id == template_id)

    def list_for_template(self, service_id: UUID, template_id: UUID) -> Sequence[TemplateEmailFile]:
        f = self.table
        return self._all(sa.select(f).where(f.c.service_id == service_id, f.c.template_id == template_id)
                         .order_by(f.c.created_at, f.c.id))
