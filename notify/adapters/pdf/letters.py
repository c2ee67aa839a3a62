"""Template letters rendered with fpdf2, uploaded letters read with pypdf.

The layout follows what window envelopes show: the address block sits where the window is (24.6 mm from the
left, 39.5 mm from the top, room for 7 lines), the service's contact block and the date on the right, then the
heading and body; every page has "Page n of m" at the foot. Lines are wrapped here, word by word with the
widths cached (fpdf2's own line breaking measures every character again for each line: ten times slower). The
standard PDF fonts only cover Latin-1, so typographic punctuation is mapped to its plain form and anything else
outside Latin-1 shows as "?"."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

from fpdf import FPDF
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from notify.domain.errors import InvalidRequest
from notify.domain.letter import NOT_A_PDF, LetterContent, PageSize

from .pages import page_png

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0  # A4, mm
ADDRESS_X, ADDRESS_Y, ADDRESS_WIDTH = 24.6, 39.5, 95.0
RIGHT_COLUMN_X, RIGHT_COLUMN_WIDTH = 125.0, 65.0
TOP, MARGIN, BOTTOM = 20.0, 20.0, 25.0
DATE_Y = 75.0
BODY_TOP = 95.0
FONT = "helvetica"
PT = 25.4 / 72  # mm per point
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-",
                       "\u00a0": " "})
PAGE_BREAK = "***"


def _latin1(text: str) -> str:
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def _char_widths(style: str) -> dict[str, int]:
    """The standard font's glyph widths (thousandths of the font size), read once per style."""
    found = _CHAR_WIDTHS.get(style)
    if found is None:
        probe = FPDF()
        probe.set_font(FONT, style=style, size=10)
        found = _CHAR_WIDTHS[style] = dict(probe.current_font.cw)  # type: ignore[union-attr, arg-type]
    return found


_CHAR_WIDTHS: dict[str, dict[str, int]] = {}


class _Writer:
    """Wraps text to a width and writes it line by line, starting a new page at the foot of one."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.y = BODY_TOP

    def lines(self, text: str, width: float, style: str, size: float) -> Iterator[str]:
        self.pdf.set_font(FONT, style=style, size=size)
        table, scale = _char_widths(style), size / 1000 * PT
        space = table.get(" ", 278) * scale
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split():
                w = sum(table.get(c, 500) for c in word) * scale
                if line and used + space + w > width:
                    yield line
                    line, used = word, w
                else:
                    line, used = (f"{line} {word}", used + space + w) if line else (word, w)
            yield line

    def block(self, x: float, y: float, text: str, width: float, style: str = "", size: float = 11,
              leading: float = 1.25) -> float:
        """Text at a fixed place (address, contact block); returns the y below it."""
        for line in self.lines(_latin1(text), width, style, size):
            y += size * leading * PT
            self.pdf.text(x, y, line)
        return y

    def flow(self, text: str, style: str = "", size: float = 11, indent: float = 0.0, after: float = 2.5) -> None:
        """Body text: wrapped to the margins, onto new pages as needed."""
        step = size * 1.3 * PT
        for line in self.lines(_latin1(text), PAGE_WIDTH - 2 * MARGIN - indent, style, size):
            if self.y + step > PAGE_HEIGHT - BOTTOM:
                self.new_page()
            self.y += step
            self.pdf.text(MARGIN + indent, self.y, line)
        self.y += after

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = TOP


class PdfLetters:
    """LetterPdfs over fpdf2 and pypdf (pages drawn as images by pypdfium2)."""

    def render(self, letter: LetterContent) -> bytes:
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_creator("notify")
        pdf.add_page()
        writer = _Writer(pdf)
        below_contact = TOP
        if letter.contact_block:
            below_contact = writer.block(RIGHT_COLUMN_X, TOP, letter.contact_block.strip(), RIGHT_COLUMN_WIDTH,
                                         size=10, leading=1.2)
        writer.block(RIGHT_COLUMN_X, max(below_contact + 4, DATE_Y), letter.date, RIGHT_COLUMN_WIDTH, size=10)
        writer.block(ADDRESS_X, ADDRESS_Y, "\n".join(letter.address_lines[:7]), ADDRESS_WIDTH, size=11, leading=1.2)
        writer.flow(letter.subject, style="B", size=14, after=4)
        _body(writer, letter.body)
        pages = pdf.page
        pdf.set_font(FONT, size=9)
        for number in range(1, pages + 1):  # numbered once the last page is known
            pdf.page = number
            pdf.text(PAGE_WIDTH / 2 - 10, PAGE_HEIGHT - 12, f"Page {number} of {pages}")
        pdf.page = pages
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

    def page_png(self, data: bytes, page: int) -> bytes:
        return page_png(data, page)


def _body(writer: _Writer, body: str) -> None:
    """Notify's letter markdown, simply: `#` headings, `*`/`-` bullets, `***` a new page, paragraphs."""
    for block in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip("\n").split("\n")]
        if not any(lines):
            continue
        if lines == [PAGE_BREAK]:
            writer.new_page()
            continue
        paragraph: list[str] = []
        for line in lines:
            if line.startswith("#"):
                writer.flow(line.lstrip("#").strip(), style="B", size=12, after=1.5)
            elif line[:2] in ("* ", "- ", "• "):
                writer.flow("- " + line[2:].strip(), indent=5, after=0.5)
            else:
                paragraph.append(line)
        if paragraph:
            writer.flow("\n".join(paragraph))
        writer.y += 1.5
