"""Where the files attached to email templates are kept (their metadata: the bytes are in the upload store)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.template_email_file import TemplateEmailFile


class TemplateEmailFileRepository(Protocol):
    """Scoped to a service and template: another's file id is TemplateEmailFileNotFound."""

    def add(self, file: TemplateEmailFile) -> None: ...
    def update(self, file: TemplateEmailFile) -> None: ...
    def get(self, service_id: UUID, template_id: UUID, file_id: UUID) -> TemplateEmailFile: ...
    def list_for_template(self, service_id: UUID, template_id: UUID) -> Sequence[TemplateEmailFile]:
        """Every file of the template, pending and archived too, oldest first."""
        ...
