"""Previews of a sent letter for the admin app: the PDF as printed, or one of its pages as a PNG image (as
Notify's template preview service pages letters)."""

from __future__ import annotations

from uuid import UUID

from notify.domain.errors import ValidationFailed

from .app import Notify
from .letters import letter_pdf

FILE_TYPES = ("pdf", "png")


def letter_preview(notify: Notify, service_id: UUID, notification_id: UUID, file_type: str,
                   page: int = 1) -> bytes:
    """The letter's PDF, or its page `page` (1 by default) as a PNG."""
    if file_type not in FILE_TYPES:
        raise ValidationFailed({"content": ["file_type must be pdf or png"]})
    pdf = letter_pdf(notify, service_id, notification_id)
    if file_type == "pdf":
        return pdf
    if notify.letter_pdfs is None:  # no PDF library: nothing draws pages
        raise ValidationFailed({"content": ["png previews are not available: letters are previewed as pdf"]})
    pages = len(notify.letter_pdfs.page_sizes(pdf))
    if page > pages:
        raise ValidationFailed({"page": [f"the letter has {pages} page{'s' if pages != 1 else ''}"]})
    return notify.letter_pdfs.page_png(pdf, page)
