"""Recipient rules: phone numbers and email addresses, validated and normalised as Notify does.

phonenumbers (libphonenumber) is pure data and code with no I/O, so the domain may use it."""

from __future__ import annotations

import functools
import re

import phonenumbers
from attrs import frozen

from .errors import InvalidRequest

UK_PREFIX = "44"
UK_NATIONAL_DIGITS = 10  # 7700 900123: a UK number without its 0 or 44
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
        found = _classify(strip_whitespace(raw))
        if isinstance(found, str):
            raise InvalidPhoneNumber(found)
        if found.prefix != UK_PREFIX and not allow_international:
            raise InvalidPhoneNumber(NOT_UK_MOBILE)
        if found.prefix == UK_PREFIX and not found.mobile and not allow_uk_landline:
            raise InvalidPhoneNumber(NOT_UK_MOBILE)
        return found


# Why a cache: libphonenumber costs ~150 µs a number, and the same recipients come back again and again (a
# service's own test numbers, retries, guest lists checked on every trial-mode send). The answer depends on
# the text alone, and both kinds of answer are immutable (a frozen PhoneNumber or an error message).
@functools.lru_cache(maxsize=4096)
def _classify(value: str) -> PhoneNumber | str:
    """The number `value` (already stripped) stands for, or the message saying why it is not valid."""
    if not ALLOWED_PHONE_CHARACTERS.match(value):
        return PHONE_LETTERS
    digits = re.sub(r"\D", "", value)
    found = _parse_number(value, digits)
    if found is None:
        return _why_not_valid(value, digits)
    parsed, number_type, region = found
    if number_type == phonenumbers.PhoneNumberType.PREMIUM_RATE:
        return PHONE_INVALID
    mobile = number_type in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return PhoneNumber(normalised=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:],
                       prefix=str(parsed.country_code), region=region, mobile=mobile or _is_drama_number(parsed))


def _parse_number(value: str, digits: str) -> tuple[phonenumbers.PhoneNumber, int, str | None] | None:
    """Try as a UK number, then as international with the '+' that spreadsheets strip. Returns the first
    valid reading with its number type and region."""
    candidates = [value, "+" + digits.lstrip("0")]
    if digits.startswith("00"):
        candidates.insert(0, "+" + digits[2:])
    for candidate in candidates:
        try:
            parsed = phonenumbers.parse(candidate, "GB")
        except phonenumbers.NumberParseException:
            continue
        if _is_drama_number(parsed):
            # libphonenumber knows no region or type for the drama range (so region stays None, as before).
            return parsed, phonenumbers.PhoneNumberType.UNKNOWN, None
        # number_type() is UNKNOWN exactly when is_valid_number() is False (both look the region up and match
        # the same patterns), so one call answers both; the region is looked up once more, only when valid.
        number_type = phonenumbers.number_type(parsed)
        if number_type != phonenumbers.PhoneNumberType.UNKNOWN:
            return parsed, number_type, phonenumbers.region_code_for_number(parsed)
    return None


def _why_not_valid(value: str, digits: str) -> str:
    """Notify's v2 message for a number no reading made valid. A UK number (by Notify's legacy test) must have
    10 digits after its 0 or 44 (7700 900123): fewer is "Not enough digits", more is "Too many digits"."""
    if _looks_uk(value, digits):
        national = digits.lstrip("0").removeprefix(UK_PREFIX).lstrip("0")
        if len(national) != UK_NATIONAL_DIGITS:
            return PHONE_TOO_SHORT if len(national) < UK_NATIONAL_DIGITS else PHONE_TOO_LONG
    if len(digits) < 8:
        return PHONE_TOO_SHORT
    if len(digits) > 15:
        return PHONE_TOO_LONG
    return PHONE_BAD_PREFIX if value.startswith("+") else PHONE_INVALID


def _looks_uk(value: str, digits: str) -> bool:
    """Notify's is_uk_phone_number: a national 0 prefix, a 44 country code, or a bare 7 of mobile length."""
    if value.startswith("0") and not value.startswith("00"):
        return True
    international = digits.lstrip("0")
    return international.startswith(UK_PREFIX) or (international.startswith("7") and len(international) < 11)


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

