"""How long a template letter's PDF takes to make: the render step of every letter send (contact block, address
in the window, date, heading, a body of paragraphs, a list and a heading, page numbers).

    .venv/bin/python bench/letter_pdf_bench.py                 # 200 renders of a one-page letter
    .venv/bin/python bench/letter_pdf_bench.py --paragraphs 40 --renders 50   # a longer, multi-page letter

Prints the first (cold) render, then the median, p95 and max of the rest, the pages and the PDF's size.
The target is a median under 200 ms."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notify.adapters.pdf import PdfLetters  # noqa: E402
from notify.domain.letter import LetterContent, printed_date  # noqa: E402

PARAGRAPH = ("Your annual tax summary is ready. It shows how your income tax and National Insurance were spent "
             "last year, and what to do if anything in it looks wrong to you.")


def letter(paragraphs: int) -> LetterContent:
    body = "\n\n".join([PARAGRAPH] * paragraphs + ["# What to do next", "* check the figures\n* keep this letter"])
    return LetterContent(address_lines=("Ada Lovelace", "1 High Street", "Little Village", "SW1A 1AA"),
                         contact_block="Tax Office\nPO Box 1234\nLeeds\nLS1 1AA\n0300 123 4567",
                         date=printed_date(datetime.now(timezone.utc)), subject="Your annual tax summary",
                         body=body)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--paragraphs", type=int, default=4)
    args = parser.parse_args()
    pdfs, content = PdfLetters(), letter(args.paragraphs)
    times = []
    pdf = b""
    for _ in range(args.renders + 1):
        started = time.perf_counter()
        pdf = pdfs.render(content)
        times.append((time.perf_counter() - started) * 1000)
    cold, warm = times[0], sorted(times[1:])
    pages = len(pdfs.page_sizes(pdf))
    print(f"letter PDF render: first {cold:.1f} ms; then median {statistics.median(warm):.1f} ms, "
          f"p95 {warm[int(len(warm) * 0.95) - 1]:.1f} ms, max {warm[-1]:.1f} ms over {len(warm)} renders "
          f"({pages} page(s), {len(pdf)} bytes)")


if __name__ == "__main__":
    main()
