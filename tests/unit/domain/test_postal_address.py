"""Letter addresses: Notify's rules and messages."""

from __future__ import annotations

from typing import Any

import pytest

from notify.domain import postal_address as pa
from notify.domain.postal_address import InvalidPostalAddress, PostalAddress


def address(**lines: Any) -> PostalAddress:
    return PostalAddress.from_personalisation(lines)


def test_a_uk_address_is_normalised_and_valid() -> None:
    a = address(address_line_1="  The Occupier ", Address_Line_2="1  High Street", postcode="sw1a1aa").validate(
        allow_international=False)
    assert a.lines == ("The Occupier", "1 High Street", "SW1A 1AA")
    assert a.postcode == "SW1A 1AA"
    assert a.postage_zone is None
    assert a.normalised == "theoccupier1highstreetsw1a1aa"


def test_blank_lines_are_dropped() -> None:
    a = address(address_line_1="A", address_line_2="", address_line_3="B", postcode="SW1A 1AA")
    assert a.lines == ("A", "B", "SW1A 1AA")


@pytest.mark.parametrize(("lines", "message"), [
    ({"address_line_1": "A", "postcode": "SW1A 1AA"}, pa.TOO_FEW_LINES),
    ({f"address_line_{i}": f"line {i}" for i in range(1, 8)} | {"address_line_8": "x"}, None),
    ({"address_line_1": "A", "address_line_2": "B", "postcode": "NOT A POSTCODE"}, pa.NOT_UK_POSTCODE),
    ({"address_line_1": "@A", "address_line_2": "B", "postcode": "SW1A 1AA"}, pa.BAD_FIRST_CHARACTER),
    ({"address_line_1": "...", "address_line_2": "B", "postcode": "SW1A 1AA"}, pa.NO_ALPHANUMERIC),
    ({"address_line_1": "A", "address_line_2": "B", "address_line_3": "BFPO 1234", "postcode": "France"},
     pa.BFPO_COUNTRY),
])
def test_invalid_addresses_are_refused_with_notifys_message(lines: dict[str, str], message: str | None) -> None:
    if message is None:  # seven lines with address_line_7: valid only if the last is a postcode/country
        with pytest.raises(InvalidPostalAddress):
            address(**lines).validate(allow_international=False)
        return
    with pytest.raises(InvalidPostalAddress) as raised:
        address(**lines).validate(allow_international=False)
    assert raised.value.message == message


def test_more_than_seven_lines_is_refused() -> None:
    a = PostalAddress(tuple(f"line {i}" for i in range(8)) + ("SW1A 1AA",))
    with pytest.raises(InvalidPostalAddress) as raised:
        a.validate(allow_international=False)
    assert raised.value.message == pa.TOO_MANY_LINES


def test_a_country_on_the_last_line_needs_international_letters() -> None:
    a = address(address_line_1="A", address_line_2="12 Rue de Rivoli", address_line_3="Paris", postcode="France")
    with pytest.raises(InvalidPostalAddress) as raised:
        a.validate(allow_international=False)
    assert raised.value.message == pa.NOT_UK_POSTCODE
    assert a.validate(allow_international=True).postage_zone == "europe"
    usa = address(address_line_1="A", address_line_2="B", address_line_3="United States")
    assert usa.validate(allow_international=True).postage_zone == "rest-of-world"


def test_neither_postcode_nor_country_with_international_letters() -> None:
    a = address(address_line_1="A", address_line_2="B", postcode="Atlantis")
    with pytest.raises(InvalidPostalAddress) as raised:
        a.validate(allow_international=True)
    assert raised.value.message == pa.NOT_POSTCODE_OR_COUNTRY


def test_bfpo_addresses_are_valid_without_a_postcode() -> None:
    a = address(address_line_1="Sgt Smith", address_line_2="Unit 1", address_line_3="BFPO 1234")
    assert a.validate(allow_international=False).is_bfpo


def test_address_line_7_replaces_postcode() -> None:
    a = address(address_line_1="A", address_line_2="B", address_line_7="SW1A 1AA", postcode="ignored")
    assert a.lines == ("A", "B", "SW1A 1AA")
