"""Letter PDFs: rendering a template letter, and reading what a service uploads (a PDF library is an
adapter detail)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from notify.domain.letter import LetterContent, PageSize


class LetterPdfs(Protocol):
    def render(self, letter: LetterContent) -> bytes:
        """An A4 PDF of the letter."""
        ...

    def page_sizes(self, data: bytes) -> Sequence[PageSize]:
        """Each page's size; raises InvalidRequest(NOT_A_PDF) for anything but a readable PDF."""
        ...

    def page_png(self, data: bytes, page: int) -> bytes:
        """Page `page` (from 1, which exists) of a readable PDF as a PNG image."""
        ...
