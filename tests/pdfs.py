"""PDFs for tests, made with fpdf2 (the `letters` extra), and read back with pypdf."""

from __future__ import annotations

import io

from fpdf import FPDF
from pypdf import PdfReader

A4 = (210.0, 297.0)  # mm


def make_pdf(pages: int = 1, size: tuple[float, float] = A4, text: str = "Page") -> bytes:
    pdf = FPDF(unit="mm", format=size)
    pdf.set_font("helvetica", size=12)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 10, f"{text} {number}")
    return bytes(pdf.output())


def read_pdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))
