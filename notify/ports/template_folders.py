"""Where a service's template folders are kept (who may see each is on the member: folder permissions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.template_folder import TemplateFolder


class TemplateFolderRepository(Protocol):
    """Scoped to a service: another service's folder id is TemplateFolderNotFound."""

    def add(self, folder: TemplateFolder) -> None: ...
    def update(self, folder: TemplateFolder) -> None: ...
    def remove(self, service_id: UUID, folder_id: UUID) -> None: ...
    def get(self, service_id: UUID, folder_id: UUID) -> TemplateFolder: ...
    def list_for_service(self, service_id: UUID) -> Sequence[TemplateFolder]: ...  # by name, then id
