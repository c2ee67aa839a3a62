"""Template letters rendered with fpdf2, uploaded letters read with pypdf.

The layout follows what window envelopes show: the address block sits where the window is (24.6 mm from the
left, 39.5 mm from the top, room for 7 lines), the service's contact block and the date on the right, then the
heading and body; every page has "Page n of m" at the foot. The standard PDF fonts only cover Latin-1, so
typographic punctuation is mapped to its plain form and anything else outside Latin-1 shows as "?"."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

from fpdf import FPDF
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from notify.domain.errors import InvalidRequest
from notify.domain.letter import NOT_A_PDF, LetterContent, PageSize

ADDRESS_X, ADDRESS_Y, ADDRESS_WIDTH = 24.6, 39.5, 95.0
RIGHT_COLUMN_X, RIGHT_COLUMN_WIDTH = 125.0, 65.0
TOP = 20.0
BODY_TOP = 95.0
MARGIN = 20.0
LINE = 5.0
FONT = "helvetica"
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-",
                       "\u00a0": " "})
PAGE_BREAK = "***"

logging.getLogger("fontTools").setLevel(logging.WARNING)


def _latin1(text: str) -> str:
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


class _Letter(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=9)
        self.cell(0, LINE, f"Page {self.page_no()} of {{nb}}", align="C")


class PdfLetters:
    """LetterPdfs over fpdf2 and pypdf."""

    def render(self, letter: LetterContent) -> bytes:
        pdf = _Letter(orientation="P", unit="mm", format="A4")
        pdf.set_margins(MARGIN, TOP, MARGIN)
        pdf.set_auto_page_break(True, margin=25)
        pdf.set_creator("notify")
        pdf.add_page()
        pdf.set_font(FONT, size=10)
        y = TOP
        if letter.contact_block:
            pdf.set_xy(RIGHT_COLUMN_X, TOP)
            pdf.multi_cell(RIGHT_COLUMN_WIDTH, 4.5, _latin1(letter.contact_block.strip()))
            y = pdf.get_y()
        pdf.set_xy(RIGHT_COLUMN_X, max(y + LINE, 75.0))
        pdf.cell(RIGHT_COLUMN_WIDTH, LINE, _latin1(letter.date))
        pdf.set_font(FONT, size=11)
        pdf.set_xy(ADDRESS_X, ADDRESS_Y)
        pdf.multi_cell(ADDRESS_WIDTH, 4.8, _latin1("\n".join(letter.address_lines[:7])))
        pdf.set_xy(MARGIN, BODY_TOP)
        pdf.set_font(FONT, style="B", size=14)
        pdf.multi_cell(0, 7, _latin1(letter.subject))
        pdf.ln(3)
        _body(pdf, letter.body)
        return bytes(pdf.output())

    def page_sizes(self, data: bytes) -> Sequence[PageSize]:
        if b"%PDF-" not in data[:1024]:
            raise InvalidRequest(NOT_A_PDF)
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            sizes = []
            for page in reader.pages:
                box = page.mediabox
                width, height = float(box.width), float(box.height)
                if (page.get("/Rotate") or 0) % 180:
                    width, height = height, width
                sizes.append(PageSize(width, height))
            return sizes
        except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
            raise InvalidRequest(NOT_A_PDF) from None


def _body(pdf: FPDF, body: str) -> None:
    """Notify's letter markdown, simply: `#` headings, `*`/`-` bullets, `***` a new page, paragraphs."""
    for block in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").split("\n")]
        if not any(lines):
            continue
        if lines == [PAGE_BREAK]:
            pdf.add_page()
            continue
        for line in lines:
            text = line.strip()
            if text.startswith("#"):
                pdf.set_font(FONT, style="B", size=12)
                pdf.multi_cell(0, 6, _latin1(text.lstrip("#").strip()))
            elif text[:2] in ("* ", "- ", "• "):
                pdf.set_font(FONT, size=11)
                pdf.set_x(MARGIN + 5)
                pdf.multi_cell(0, LINE, _latin1("- " + text[2:].strip()))
            else:
                pdf.set_font(FONT, size=11)
                pdf.multi_cell(0, LINE, _latin1(text))
        pdf.ln(3)
