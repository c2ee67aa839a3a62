"""Postal addresses for letters, validated as Notify does.

An address comes from personalisation: `address_line_1`..`address_line_6` plus `postcode`, or
`address_line_1`..`address_line_7` when `address_line_7` is given. Blank lines are dropped. The last line is
a UK postcode, a BFPO line or (with the `international_letters` permission) a country, which sets the postage
zone. Country names come from libphonenumber's region data (pure data, no I/O)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from attrs import frozen

from .errors import ValidationFailed

MIN_LINES = 3
MAX_LINES = 7
TOO_FEW_LINES = "Address must be at least 3 lines"
TOO_MANY_LINES = "Address must be no more than 7 lines"
NO_ALPHANUMERIC = "The first 2 lines of the address must both include at least one alphanumeric character"
BFPO_COUNTRY = "The last line of a BFPO address must not be a country."
NOT_UK_POSTCODE = "Must be a real UK postcode"
NOT_POSTCODE_OR_COUNTRY = "Last line of address must be a real UK postcode or another country"
BAD_FIRST_CHARACTER = "Address lines must not start with any of the following characters: @ ( ) = [ ] ” \\ / , < >"

FORBIDDEN_FIRST_CHARACTERS = frozenset('@()=[]”\\/,<>')
UK_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2})$")
BFPO = re.compile(r"^BFPO\s*(C/O\s*)?\d{1,4}$", re.IGNORECASE)
UK_NAMES = frozenset({"uk", "united kingdom", "great britain", "england", "scotland", "wales",
                      "northern ireland", "gb"})
EUROPE = frozenset(
    "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GE GI GL GR HR HU IE IS IT LI LT LU LV MC MD ME "
    "MK MT NL NO PL PT RO RS RU SE SI SK SM TR UA VA".split()
)


class InvalidPostalAddress(ValidationFailed):
    """A letter address Notify would refuse (a v2 ValidationError with Notify's message)."""

    def __init__(self, message: str) -> None:
        super().__init__({"": [message]})
        self.message = message


def _key(name: str) -> str:
    return "".join(c for c in name.lower() if c not in " _-")


def normalise_postcode(raw: str) -> str:
    return "".join(raw.upper().split())


def format_postcode(raw: str) -> str:
    compact = normalise_postcode(raw)
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def is_uk_postcode(raw: str) -> bool:
    return bool(UK_POSTCODE.match(normalise_postcode(raw)))


@cache
def _countries() -> dict[str, str]:
    """English country name (lower case) -> ISO region code."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    names: dict[str, str] = {}
    for region, languages in LOCALE_DATA.items():
        name = languages.get("en")
        while isinstance(name, str) and name.startswith("*"):
            name = languages.get(name[1:])
        if isinstance(name, str) and name:
            names[name.lower()] = region
    names.update({"usa": "US", "united states of america": "US", "the netherlands": "NL", "holland": "NL"})
    return names


def country_code(line: str) -> str | None:
    """The ISO region of a country named on an address line; None when it does not name one (or names the UK)."""
    name = " ".join(line.lower().split()).strip(" .")
    if name in UK_NAMES:
        return None
    return _countries().get(name)


@frozen
class PostalAddress:
    lines: tuple[str, ...]  # non-blank lines, stripped, in order; the postcode formatted when it is one

    @classmethod
    def from_personalisation(cls, values: Mapping[str, Any]) -> PostalAddress:
        by_key = {_key(k): v for k, v in values.items()}
        names = [f"addressline{i}" for i in range(1, 8)] if by_key.get("addressline7") not in (None, "") \
            else [f"addressline{i}" for i in range(1, 7)] + ["postcode"]
        lines = []
        for name in names:
            value = by_key.get(name)
            if value is None:
                continue
            text = " ".join(str(value).split())
            if text:
                lines.append(text)
        if lines and is_uk_postcode(lines[-1]):
            lines[-1] = format_postcode(lines[-1])
        return cls(tuple(lines))

    @property
    def last_line(self) -> str:
        return self.lines[-1] if self.lines else ""

    @property
    def postcode(self) -> str | None:
        return self.last_line if self.lines and is_uk_postcode(self.last_line) else None

    @property
    def is_bfpo(self) -> bool:
        return any(BFPO.match(line) for line in self.lines)

    @property
    def country(self) -> str | None:
        """ISO region of the destination when it is abroad, else None (UK, BFPO)."""
        if not self.lines or self.postcode or self.is_bfpo:
            return None
        return country_code(self.last_line)

    @property
    def international(self) -> bool:
        return self.country is not None

    @property
    def postage_zone(self) -> str | None:
        """`europe` or `rest-of-world` for letters abroad; None for UK letters (postage from the template)."""
        country = self.country
        if country is None:
            return None
        return "europe" if country in EUROPE else "rest-of-world"

    @property
    def normalised(self) -> str:
        """Notify's `normalised_to` for letters: the whole address, lower case, no whitespace."""
        return "".join("".join(self.lines).lower().split())

    def validate(self, *, allow_international: bool) -> PostalAddress:
        """Raise InvalidPostalAddress with Notify's message for the first rule broken; return self otherwise."""
        if len(self.lines) < MIN_LINES:
            raise InvalidPostalAddress(TOO_FEW_LINES)
        if len(self.lines) > MAX_LINES:
            raise InvalidPostalAddress(TOO_MANY_LINES)
        if any(line[0] in FORBIDDEN_FIRST_CHARACTERS for line in self.lines):
            raise InvalidPostalAddress(BAD_FIRST_CHARACTER)
        if not all(any(c.isalnum() for c in line) for line in self.lines[:2]):
            raise InvalidPostalAddress(NO_ALPHANUMERIC)
        if self.is_bfpo:
            if country_code(self.last_line) is not None:
                raise InvalidPostalAddress(BFPO_COUNTRY)
            return self
        if self.postcode:
            return self
        if allow_international:
            if self.international:
                return self
            raise InvalidPostalAddress(NOT_POSTCODE_OR_COUNTRY)
        raise InvalidPostalAddress(NOT_UK_POSTCODE)
