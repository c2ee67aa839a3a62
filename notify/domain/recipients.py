"""Recipient rules: phone numbers and email addresses, validated and normalised as Notify does.

phonenumbers (libphonenumber) is pure data and code with no I/O, so the domain may use it."""

from __future__ import annotations

import re

import phonenumbers
from attrs import frozen

from .errors import InvalidRequest

UK_PREFIX = "44"
# Crown dependencies share +44 but are billed as international; permissions treat them as UK.
CROWN_DEPENDENCY_REGIONS = frozenset({"JE", "GG", "IM"})
ALLOWED_PHONE_CHARACTERS = re.compile(r"^[\d\s()+\-]*$")
# Whitespace Notify strips from every recipient: ordinary, zero-width and non-breaking.
OBSCURE_WHITESPACE = "\u180e\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f"

PHONE_LETTERS = "Must not contain letters or symbols"
PHONE_TOO_SHORT = "Not enough digits"
PHONE_TOO_LONG = "Too many digits"
PHONE_BAD_PREFIX = "Not a valid country prefix"
PHONE_INVALID = "Number is not valid – double check the phone number you entered"
NOT_UK_MOBILE = "Not a UK mobile number"
INVALID_EMAIL = "Not a valid email address"

EMAIL_LOCAL_PART = re.compile(r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\-]+$")
HOSTNAME_LABEL = re.compile(r"^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$", re.IGNORECASE)
TLD = re.compile(r"^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$", re.IGNORECASE)
MAX_EMAIL_LENGTH = 320


class InvalidPhoneNumber(InvalidRequest):
    pass


class InvalidEmailAddress(InvalidRequest):
    pass


def strip_whitespace(value: str) -> str:
    return value.strip().strip(OBSCURE_WHITESPACE).strip()


@frozen
class PhoneNumber:
    """A parsed phone number; `normalised` is E.164 without the '+', e.g. 447700900123."""

    normalised: str
    prefix: str  # the country calling code, e.g. "44"
    region: str | None  # ISO region, e.g. "GB"; None for non-geographic numbers
    mobile: bool

    @property
    def international(self) -> bool:
        """True for numbers outside the UK, Crown dependencies included (as Notify's permission check)."""
        return self.prefix != UK_PREFIX

    @property
    def billed_as_international(self) -> bool:
        return self.international or self.region in CROWN_DEPENDENCY_REGIONS

    @classmethod
    def parse(cls, raw: str, *, allow_international: bool = True, allow_uk_landline: bool = True) -> PhoneNumber:
        value = strip_whitespace(raw)
        if not ALLOWED_PHONE_CHARACTERS.match(value):
            raise InvalidPhoneNumber(PHONE_LETTERS)
        digits = re.sub(r"\D", "", value)
        parsed = _parse_number(value, digits)
        if parsed is None:
            if len(digits) < 8:
                raise InvalidPhoneNumber(PHONE_TOO_SHORT)
            if len(digits) > 15:
                raise InvalidPhoneNumber(PHONE_TOO_LONG)
            raise InvalidPhoneNumber(PHONE_BAD_PREFIX if value.startswith("+") else PHONE_INVALID)
        number_type = phonenumbers.number_type(parsed)
        if number_type == phonenumbers.PhoneNumberType.PREMIUM_RATE:
            raise InvalidPhoneNumber(PHONE_INVALID)
        prefix = str(parsed.country_code)
        mobile = _is_drama_number(parsed) or number_type in (phonenumbers.PhoneNumberType.MOBILE,
                                                             phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
        if prefix != UK_PREFIX and not allow_international:
            raise InvalidPhoneNumber(NOT_UK_MOBILE)
        if prefix == UK_PREFIX and not mobile and not allow_uk_landline:
            raise InvalidPhoneNumber(NOT_UK_MOBILE)
        return cls(normalised=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:],
                   prefix=prefix, region=phonenumbers.region_code_for_number(parsed), mobile=mobile)


def _parse_number(value: str, digits: str) -> phonenumbers.PhoneNumber | None:
    """Try as a UK number, then as international with the '+' that spreadsheets strip."""
    candidates = [value, "+" + digits.lstrip("0")]
    if digits.startswith("00"):
        candidates.insert(0, "+" + digits[2:])
    for candidate in candidates:
        try:
            parsed = phonenumbers.parse(candidate, "GB")
        except phonenumbers.NumberParseException:
            continue
        if _is_valid(parsed):
            return parsed
    return None


def _is_valid(parsed: phonenumbers.PhoneNumber) -> bool:
    return phonenumbers.is_valid_number(parsed) or _is_drama_number(parsed)


def _is_drama_number(parsed: phonenumbers.PhoneNumber) -> bool:
    """Ofcom's drama range 07700 900000-900999, reserved for tests and fiction: Notify accepts it as mobile."""
    national = str(parsed.national_number)
    return parsed.country_code == 44 and national.startswith("7700900") and len(national) == 10


def normalise_phone_number(raw: str) -> str:
    return PhoneNumber.parse(raw).normalised


def validate_email_address(raw: str) -> str:
    """The address with surrounding whitespace removed; raises InvalidEmailAddress when it is not valid."""
    value = strip_whitespace(raw)
    if len(value) > MAX_EMAIL_LENGTH or value.count("@") != 1:
        raise InvalidEmailAddress(INVALID_EMAIL)
    local, hostname = value.split("@")
    if not local or not EMAIL_LOCAL_PART.match(local) or ".." in local:
        raise InvalidEmailAddress(INVALID_EMAIL)
    try:
        ascii_host = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidEmailAddress(INVALID_EMAIL) from None
    labels = ascii_host.split(".")
    if len(labels) < 2 or any(not label or len(label) > 63 or not HOSTNAME_LABEL.match(label) for label in labels):
        raise InvalidEmailAddress(INVALID_EMAIL)
    if not TLD.match(labels[-1]):
        raise InvalidEmailAddress(INVALID_EMAIL)
    return value


def normalise_email_address(raw: str) -> str:
    return validate_email_address(raw).lower()

