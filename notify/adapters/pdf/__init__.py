"""Letter PDFs with fpdf2 (writing) and pypdf (reading): the `letters` extra."""

from .letters import PdfLetters

__all__ = ["PdfLetters"]
