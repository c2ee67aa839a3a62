"""Letter rules in the domain: print days and delivery estimates, dated SMS and letter rates, sheets."""

from __future__ import annotations

from datetime import datetime, timezone

from notify.domain.letter import estimated_delivery, letter_rate, sheets, sms_rate
from notify.domain.sanitise import sanitise_personalisation, sanitise_value


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_letters_after_the_cut_off_or_at_weekends_print_the_next_working_day() -> None:
    # Monday 15 June 2026, 12:00 UTC (13:00 London): prints Monday, second class arrives Wednesday
    assert estimated_delivery(utc(2026, 6, 15, 12), "second") == utc(2026, 6, 17, 15)
    # after 17:30 London: prints Tuesday, arrives Thursday
    assert estimated_delivery(utc(2026, 6, 15, 17), "second") == utc(2026, 6, 18, 15)
    # Friday evening: prints Monday, first class arrives Tuesday
    assert estimated_delivery(utc(2026, 6, 19, 20), "first") == utc(2026, 6, 23, 15)
    # Saturday: prints Monday; economy takes 6 working days
    assert estimated_delivery(utc(2026, 6, 20, 9), "economy") == utc(2026, 6, 30, 15)


def test_rates_are_those_in_force_on_the_day() -> None:
    assert sms_rate(utc(2024, 3, 31, 12)) == 0.0197
    assert sms_rate(utc(2024, 4, 1, 12)) == 0.0227
    assert sms_rate(utc(2019, 1, 1)) == 0.016  # before the table: its oldest rate
    assert letter_rate(utc(2024, 4, 2), "second", 1) < letter_rate(utc(2024, 4, 2), "second", 2)
    assert letter_rate(utc(2023, 5, 1), "first", 1) < letter_rate(utc(2024, 5, 1), "first", 1)
    assert letter_rate(utc(2024, 5, 1), "second", 9) == letter_rate(utc(2024, 5, 1), "second", 5)


def test_sheets_are_pages_printed_double_sided() -> None:
    assert [sheets(p) for p in (1, 2, 3, 10)] == [1, 1, 2, 5]


def test_sanitising_escapes_markdown_and_breaks_or_drops_links() -> None:
    assert sanitise_value("*hi* _there_ #1") == "\\*hi\\* \\_there\\_ \\#1"
    assert sanitise_value("see example.com") == "see example\\. com"
    assert "evil" not in sanitise_value("go to https://evil.example/path now")
    values, changed = sanitise_personalisation({"First Name": "[a](b)", "other": "*x*", "n": 3}, ["first_name", "n"])
    assert values == {"First Name": "\\[a\\]\\(b\\)", "other": "*x*", "n": 3}
    assert list(changed) == ["First Name"]
