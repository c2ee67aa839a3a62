"""Phone numbers and email addresses, validated and normalised as Notify does."""

from __future__ import annotations

import pytest

from notify.domain.recipients import (
    InvalidEmailAddress, InvalidPhoneNumber, PhoneNumber, normalise_email_address, normalise_phone_number,
    validate_email_address,
)


@pytest.mark.parametrize("raw", ["07700900123", "07700 900 123", "+447700900123", "447700900123",
                                 "(07700) 900-123", "0044 7700 900123", " 07700900123\u200b"])
def test_uk_mobile_numbers_normalise_to_e164_without_plus(raw: str) -> None:
    assert normalise_phone_number(raw) == "447700900123"


def test_a_uk_mobile_is_not_international() -> None:
    number = PhoneNumber.parse("07700 900123")
    assert (number.prefix, number.international, number.mobile) == ("44", False, True)


@pytest.mark.parametrize(("raw", "normalised", "prefix"), [
    ("+1 202 555 0143", "12025550143", "1"),
    ("+33 6 12 34 56 78", "33612345678", "33"),
    ("33612345678", "33612345678", "33"),  # a spreadsheet stripped the '+'
])
def test_international_numbers_keep_their_prefix(raw: str, normalised: str, prefix: str) -> None:
    number = PhoneNumber.parse(raw)
    assert (number.normalised, number.prefix, number.international) == (normalised, prefix, True)


def test_crown_dependencies_are_uk_for_permissions_but_billed_as_international() -> None:
    jersey = PhoneNumber.parse("+44 7797 900000")
    assert jersey.international is False
    assert jersey.billed_as_international is True


@pytest.mark.parametrize(("raw", "message"), [
    ("0770090012a", "Must not contain letters or symbols"),
    ("07700 900 12#", "Must not contain letters or symbols"),
    ("0770", "Not enough digits"),
    ("077009001234567890", "Too many digits"),
    ("+999 1234 5678", "Not a valid country prefix"),
    ("0770090012", "Not enough digits"),  # a UK number: 10 digits after the 0 or 44, as Notify's legacy check
    ("+44 7700 90012", "Not enough digits"),
    ("0044 7700 90012", "Not enough digits"),
    ("020 7946 000", "Not enough digits"),
    ("07700 900 123 456", "Too many digits"),
    ("09065 123456", "Number is not valid – double check the phone number you entered"),  # premium rate
    ("0100 000 0000", "Number is not valid – double check the phone number you entered"),
])
def test_invalid_phone_numbers_say_why(raw: str, message: str) -> None:
    with pytest.raises(InvalidPhoneNumber) as refused:
        PhoneNumber.parse(raw)
    assert refused.value.message == message


def test_international_numbers_can_be_refused() -> None:
    with pytest.raises(InvalidPhoneNumber, match="Not a UK mobile number"):
        PhoneNumber.parse("+1 202 555 0143", allow_international=False)


def test_uk_landlines_can_be_refused() -> None:
    assert PhoneNumber.parse("020 7946 0000").mobile is False
    with pytest.raises(InvalidPhoneNumber, match="Not a UK mobile number"):
        PhoneNumber.parse("020 7946 0000", allow_uk_landline=False)


@pytest.mark.parametrize("raw", ["someone@example.com", "first.last+tag@sub.example.co.uk",
                                 "o'neil@example.gov.uk", "x@münchen.de", "  padded@example.com \u200b"])
def test_valid_email_addresses_are_accepted(raw: str) -> None:
    assert validate_email_address(raw) == raw.strip().strip("\u200b").strip()


@pytest.mark.parametrize("raw", ["", "plain", "two@@example.com", "a@b", "dots..twice@example.com",
                                 "space in@example.com", "a@-example.com", "a@example.c0m",
                                 "a@" + "x" * 64 + ".com", ("x" * 310) + "@example.com", "a@example..com"])
def test_invalid_email_addresses_are_refused(raw: str) -> None:
    with pytest.raises(InvalidEmailAddress, match="Not a valid email address"):
        validate_email_address(raw)


def test_email_addresses_normalise_to_lower_case() -> None:
    assert normalise_email_address(" Someone@Example.COM ") == "someone@example.com"


def test_a_number_parsed_again_is_the_same_value() -> None:
    """Parsing is cached by text: the cached answer must not depend on the permissions asked for."""
    assert PhoneNumber.parse("020 7946 0000") == PhoneNumber.parse("020 7946 0000")
    with pytest.raises(InvalidPhoneNumber, match="Not a UK mobile number"):
        PhoneNumber.parse("020 7946 0000", allow_uk_landline=False)
    assert PhoneNumber.parse("020 7946 0000").mobile is False
    for _ in range(2):
        with pytest.raises(InvalidPhoneNumber, match="Not enough digits"):
            PhoneNumber.parse("0770090012")


def test_the_drama_range_is_a_uk_mobile_without_region() -> None:
    assert PhoneNumber.parse("07700 900123") == PhoneNumber(normalised="447700900123", prefix="44", region=None,
                                                            mobile=True)
