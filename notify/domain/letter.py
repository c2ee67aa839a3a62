"""Letters on paper: what they cost, when they arrive, and what an uploaded (precompiled) PDF must be.

Rates are dated tables: a notification costs what the rate in force on its creation date says, so a new
rate from April leaves older notifications' costs as they were. Delivery estimates count working days
(Monday to Friday) from the print day; letters created after the print cut-off print the next working day."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from attrs import frozen

from .constants import NotificationStatus, Postage
from .errors import InvalidRequest

LONDON = ZoneInfo("Europe/London")
PRINT_CUT_OFF = time(17, 30)  # London time: letters created later print the next working day
DELIVERY_HOUR = time(16, 0)  # the hour shown as the estimated delivery time, London time
WORKING_DAYS_AFTER_PRINT = {
    Postage.FIRST.value: 1, Postage.SECOND.value: 2, Postage.ECONOMY.value: 6,
    Postage.EUROPE.value: 3, Postage.REST_OF_WORLD.value: 5,
}
PRECOMPILED_POSTAGE = (Postage.FIRST.value, Postage.SECOND.value, Postage.ECONOMY.value, Postage.EUROPE.value,
                       Postage.REST_OF_WORLD.value)
POSTAGE_INVALID = "invalid. It must be first, second, economy, europe or rest-of-world."

# Precompiled PDFs: Notify's limits and messages.
MAX_PAGES = 10
MAX_PDF_BYTES = 5 * 1024 * 1024
A4_POINTS = (595.28, 841.89)
A4_TOLERANCE_POINTS = 3.0
NOT_BASE64 = "Cannot decode letter content (file) in base64"
NOT_A_PDF = "Letter content is not a valid PDF"
TOO_MANY_PAGES = f"Letters must be {MAX_PAGES} pages or less ({MAX_PAGES // 2} double-sided sheets of paper)"
NOT_A4 = "Letters must be A4 portrait size"
TOO_BIG = f"Letter content must be smaller than {MAX_PDF_BYTES // (1024 * 1024)}MB"
PRECOMPILED_TEMPLATE_NAME = "Pre-compiled PDF"


class PdfNotReady(InvalidRequest):
    def __init__(self) -> None:
        super().__init__("PDF not available yet, try again later")


@frozen
class PageSize:
    width: float  # points
    height: float


def check_precompiled(pages: Sequence[PageSize], size: int) -> int:
    """The number of sheets an uploaded PDF prints on; InvalidRequest with Notify's message when it cannot be
    printed as a letter (too big, too long, not A4 portrait)."""
    if size > MAX_PDF_BYTES:
        raise InvalidRequest(TOO_BIG)
    if not pages:
        raise InvalidRequest(NOT_A_PDF)
    if len(pages) > MAX_PAGES:
        raise InvalidRequest(TOO_MANY_PAGES)
    for page in pages:
        if abs(page.width - A4_POINTS[0]) > A4_TOLERANCE_POINTS or abs(page.height - A4_POINTS[1]) > A4_TOLERANCE_POINTS:
            raise InvalidRequest(NOT_A4)
    return sheets(len(pages))


def sheets(pages: int) -> int:
    """Letters print double-sided."""
    return max(1, math.ceil(pages / 2))


def _working_days_after(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def print_day(created_at: datetime) -> date:
    local = created_at.astimezone(LONDON)
    day = local.date()
    if local.time() > PRINT_CUT_OFF or day.weekday() >= 5:
        day = _working_days_after(day, 1)
    return day


def estimated_delivery(created_at: datetime, postage: str | None) -> datetime:
    """When a letter created at `created_at` should arrive (UTC)."""
    days = WORKING_DAYS_AFTER_PRINT.get(postage or Postage.SECOND.value, WORKING_DAYS_AFTER_PRINT["second"])
    arrives = _working_days_after(print_day(created_at), days)
    return datetime.combine(arrives, DELIVERY_HOUR, tzinfo=LONDON).astimezone(ZoneInfo("UTC"))


# -- costs ---------------------------------------------------------------------------------------------------

@frozen
class SmsRate:
    valid_from: date
    rate: float  # pounds per fragment


SMS_RATES = (  # newest first
    SmsRate(date(2024, 4, 1), 0.0227),
    SmsRate(date(2023, 4, 1), 0.0197),
    SmsRate(date(2022, 4, 1), 0.0172),
    SmsRate(date(2021, 4, 1), 0.016),
)


def sms_rate(on: datetime, rates: Sequence[SmsRate] = SMS_RATES) -> float:
    """The rate in force on `on`'s (UK) date; the oldest rate before the table starts."""
    day = on.astimezone(LONDON).date()
    return next((r.rate for r in rates if r.valid_from <= day), rates[-1].rate)


@frozen
class LetterRate:
    valid_from: date
    postage: str
    sheet_count: int
    rate: float  # pounds


def _letter_rates(valid_from: date, by_postage: dict[str, tuple[float, ...]]) -> list[LetterRate]:
    return [LetterRate(valid_from, postage, i + 1, rate) for postage, rates in by_postage.items()
            for i, rate in enumerate(rates)]


# Rates per letter by sheets of paper (1 to 5), dated; edit here when the price list changes.
LETTER_RATES = tuple(
    _letter_rates(date(2024, 4, 1), {
        "second": (0.68, 0.73, 0.78, 0.83, 0.88),
        "first": (1.26, 1.31, 1.36, 1.41, 1.46),
        "economy": (0.59, 0.64, 0.69, 0.74, 0.79),
        "europe": (1.50, 1.55, 1.60, 1.65, 1.70),
        "rest-of-world": (1.50, 1.55, 1.60, 1.65, 1.70),
    }) + _letter_rates(date(2023, 4, 1), {
        "second": (0.58, 0.63, 0.68, 0.73, 0.78),
        "first": (1.07, 1.12, 1.17, 1.22, 1.27),
        "economy": (0.52, 0.57, 0.62, 0.67, 0.72),
        "europe": (1.40, 1.45, 1.50, 1.55, 1.60),
        "rest-of-world": (1.40, 1.45, 1.50, 1.55, 1.60),
    })
)
NO_COST_LETTER_STATUSES = frozenset({
    NotificationStatus.CANCELLED, NotificationStatus.TECHNICAL_FAILURE, NotificationStatus.VALIDATION_FAILED,
    NotificationStatus.VIRUS_SCAN_FAILED,
})


def letter_rate(on: datetime, postage: str | None, sheet_count: int,
                rates: Sequence[LetterRate] = LETTER_RATES) -> float:
    day = on.astimezone(LONDON).date()
    postage = postage or Postage.SECOND.value
    wanted = min(max(sheet_count, 1), 5)
    candidates = sorted((r for r in rates if r.postage == postage and r.sheet_count == wanted),
                        key=lambda r: r.valid_from, reverse=True)
    if not candidates:
        return 0.0
    return next((r.rate for r in candidates if r.valid_from <= day), candidates[-1].rate)


@frozen
class LetterContent:
    """What a template letter prints: the address in the envelope window, the service's contact block and
    the date beside it, then the heading (subject) and body (Notify's markdown subset)."""

    address_lines: tuple[str, ...]
    contact_block: str | None
    date: str  # as printed, e.g. "6 December 2026"
    subject: str
    body: str


def printed_date(created_at: datetime) -> str:
    local = created_at.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}"
