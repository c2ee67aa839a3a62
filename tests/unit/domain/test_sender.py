"""Sender rules: how a sender is shown, how an inbound number is matched, one default at a time."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from notify.domain.sender import ServiceSmsSender, default_of, demoted, number_spellings, sender_number

from ...fakes import T0


@pytest.mark.parametrize(("text", "shown"), [
    ("GOVUK", "GOVUK"), ("07700900111", "447700900111"), ("+44 7700 900111", "447700900111"),
    ("12345", "12345"), ("Tax-Office", "Tax-Office"),
])
def test_phone_number_senders_are_shown_in_their_447_form_other_text_unchanged(text: str, shown: str) -> None:
    assert sender_number(text) == shown


def test_an_inbound_number_matches_every_way_a_sender_may_spell_it() -> None:
    spellings = {"447700900111", "+447700900111", "07700900111"}
    for reported in spellings | {" 07700 900111 "}:
        assert spellings <= number_spellings(reported)
    assert number_spellings("GOVUK") == set()  # an alphanumeric sender cannot be texted
    assert not any(s.startswith("0") for s in number_spellings("+12025550123"))  # the 0… form is UK only


def _sender(**kw: object) -> ServiceSmsSender:
    return ServiceSmsSender(**{"id": uuid4(), "service_id": uuid4(), "sms_sender": "GOVUK", "is_default": False,
                               "created_at": T0, **kw})  # type: ignore[arg-type]


def test_making_one_default_unsets_every_other_live_default() -> None:
    old, other, gone = _sender(is_default=True), _sender(), _sender(is_default=True, archived=True)
    new = _sender(is_default=True)
    later = T0 + timedelta(hours=1)
    assert demoted([old, other, gone, new], keep=new.id, now=later) == [old.changed(now=later, is_default=False)]
    assert default_of([other, gone, old]) == old
    assert default_of([other, gone]) is None
