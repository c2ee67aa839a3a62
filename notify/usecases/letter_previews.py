"""Previews of a sent letter for the admin app: the PDF as printed. Notify also pages letters as PNG images
through its template preview service; this library has no image renderer, so a PNG is refused plainly."""

from __future__ import annotations

from uuid import UUID

from notify.domain.errors import ValidationFailed

from .app import Notify
from .letters import letter_pdf

FILE_TYPES = ("pdf", "png")


def letter_preview(notify: Notify, service_id: UUID, notification_id: UUID, file_type: str) -> bytes:
    if file_type not in FILE_TYPES:
        raise ValidationFailed({"content": ["file_type must be pdf or png"]})
    if file_type == "png":
        raise ValidationFailed({"content": ["png previews are not available: letters are previewed as pdf"]})
    return letter_pdf(notify, service_id, notification_id)
