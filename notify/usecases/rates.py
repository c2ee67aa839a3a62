"""The prices in force today: one SMS rate per fragment, and a letter rate per postage and sheet count
(the domain's dated tables; older rows stay there so old notifications keep the cost of their day)."""

from __future__ import annotations

from notify.domain.letter import LETTER_RATES, LONDON, SMS_RATES, LetterRate, SmsRate

from .app import Notify


def current_sms_rate(notify: Notify) -> SmsRate:
    today = notify.clock.now().astimezone(LONDON).date()
    return next((r for r in SMS_RATES if r.valid_from <= today), SMS_RATES[-1])


def current_letter_rates(notify: Notify) -> list[LetterRate]:
    """For each postage and sheet count, the newest rate already in force; ordered by postage, then sheets."""
    today = notify.clock.now().astimezone(LONDON).date()
    newest: dict[tuple[str, int], LetterRate] = {}
    for rate in LETTER_RATES:
        key = (rate.postage, rate.sheet_count)
        held = newest.get(key)
        if rate.valid_from <= today and (held is None or rate.valid_from > held.valid_from):
            newest[key] = rate
    return [newest[key] for key in sorted(newest)]
