"""SMS fragments and characters as Notify counts them."""

from __future__ import annotations

import pytest

from notify.domain import sms


@pytest.mark.parametrize(("text", "fragments"), [
    ("a" * 160, 1),
    ("a" * 161, 2),
    ("a" * 306, 2),
    ("a" * 307, 3),
    ("a" * 918, 6),
])
def test_gsm_messages_are_160_characters_then_153_per_fragment(text: str, fragments: int) -> None:
    assert sms.fragment_count(text) == fragments


@pytest.mark.parametrize(("text", "fragments"), [
    ("ŵ" * 70, 1),
    ("ŵ" * 71, 2),
    ("ŵ" * 134, 2),
    ("ŵ" * 135, 3),
])
def test_welsh_characters_outside_gsm_force_unicode_70_then_67(text: str, fragments: int) -> None:
    assert sms.needs_unicode(text)
    assert sms.fragment_count(text) == fragments


def test_extended_gsm_characters_count_twice() -> None:
    assert sms.character_count("€[]") == 6
    assert sms.fragment_count("a" * 158 + "^") == 1
    assert sms.fragment_count("a" * 159 + "^") == 2


def test_smart_punctuation_is_downgraded_and_stays_gsm() -> None:
    assert sms.sanitise("‘quote’ – “double” …\ttab") == "'quote' - \"double\" ... tab"
    assert not sms.needs_unicode(sms.sanitise("‘quote’ – …"))


def test_accents_are_stripped_and_unknown_characters_become_question_marks() -> None:
    assert sms.sanitise("ç ş Ł") == "c s ?"
    assert sms.sanitise("hi 😀 你") == "hi ? ?"
    assert sms.sanitise("zero\u200bwidth") == "zerowidth"


def test_gsm_accented_letters_and_welsh_letters_are_kept() -> None:
    assert sms.sanitise("é à ü ŵ ŷ â") == "é à ü ŵ ŷ â"
    assert not sms.needs_unicode("é à ü")
    assert sms.needs_unicode("â")


def test_emoji_only_messages_are_gsm_after_sanitising() -> None:
    assert sms.fragment_count("😀" * 100) == 1


def test_international_rate_multipliers() -> None:
    assert sms.rate_multiplier("44") == 1
    assert sms.rate_multiplier("49") == 4
    assert sms.rate_multiplier("999") == sms.DEFAULT_INTERNATIONAL_MULTIPLIER
    assert not sms.has_delivery_receipts("1")
    assert sms.has_delivery_receipts("33")
