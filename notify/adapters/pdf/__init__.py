"""Letter PDFs with fpdf2 (writing), pypdf (reading) and pypdfium2 (pages as images): the `letters` extra."""

from .letters import PdfLetters

__all__ = ["PdfLetters"]
