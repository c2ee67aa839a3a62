"""Text messages as Notify counts them: which characters survive, how many fragments a message costs,
and what an international number multiplies that by.

Rules: characters outside GSM-7 and Welsh diacritics are downgraded (smart quotes and
dashes mapped, accents dropped, zero-width characters removed, tab to space) and anything left becomes '?'.
Only Welsh characters that GSM-7 lacks force UCS-2 (70 characters, 67 per fragment when split); otherwise
GSM-7 (160, 153 per fragment) with the extended characters ^{}\\[~]|€ counting twice."""

from __future__ import annotations

import math
import unicodedata


GSM_EXTENDED = frozenset("^{}\\[~]|€")
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_CHARACTERS = GSM_BASIC | GSM_EXTENDED
_WITHOUT_EXTENDED = str.maketrans("", "", "".join(GSM_EXTENDED))
# Welsh vowels (and w, y) with grave, acute, diaeresis and circumflex: kept, even when GSM-7 lacks them.
WELSH_DIACRITICS = frozenset(
    "àèìòùẁỳÀÈÌÒÙẀỲ" "áéíóúẃýÁÉÍÓÚẂÝ" "äëïöüẅÿÄËÏÖÜẄŸ" "âêîôûŵŷÂÊÎÔÛŴŶ"
)
KEPT_CHARACTERS = GSM_CHARACTERS | WELSH_DIACRITICS
REPLACEMENTS = {
    "\u2011": "-",  # non-breaking hyphen
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\u2026": "...",  # ellipsis
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u180e": "",  # zero-width and invisible separators
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u2028": "",
    "\u2029": "",
    "\u00a0": " ",  # non-breaking spaces
    "\u202f": " ",
    "\t": " ",
}

GSM_SINGLE = 160
GSM_PART = 153
UCS2_SINGLE = 70
UCS2_PART = 67


def _downgrade(char: str) -> str:
    if char in KEPT_CHARACTERS:
        return char
    if char in REPLACEMENTS:
        return REPLACEMENTS[char]
    decomposition = unicodedata.decomposition(char)
    if decomposition and not decomposition.startswith("<"):
        base = chr(int(decomposition.split()[0], 16))
        if base in KEPT_CHARACTERS:
            return base
    return "?"


def sanitise(content: str) -> str:
    """The message as it will be sent: downgraded so it fits GSM-7 wherever that keeps the meaning."""
    if KEPT_CHARACTERS.issuperset(content):
        return content  # the usual case, checked in C: nothing to downgrade (this runs several times a send)
    return "".join(_downgrade(c) for c in content)


def needs_unicode(content: str) -> bool:
    """True when the (sanitised) content holds a character GSM-7 cannot carry (only Welsh ones survive)."""
    return not GSM_CHARACTERS.issuperset(content)


def character_count(content: str) -> int:
    """Characters as the network counts them: GSM extended characters twice (in GSM-7), UTF-16 units in UCS-2."""
    text = sanitise(content)
    return _count(text, needs_unicode(text))


def fragment_count(content: str) -> int:
    """How many SMS fragments (billable units) `content` costs; the service-name prefix must be included."""
    text = sanitise(content)
    unicode = needs_unicode(text)
    count = _count(text, unicode)
    if unicode:
        return 1 if count <= UCS2_SINGLE else math.ceil(count / UCS2_PART)
    return 1 if count <= GSM_SINGLE else math.ceil(count / GSM_PART)


def _count(text: str, unicode: bool) -> int:
    """`character_count` of sanitised text, knowing whether it needs UCS-2."""
    if unicode:
        return len(text.encode("utf-16-le")) // 2
    extended = len(text) - len(text.translate(_WITHOUT_EXTENDED))
    return len(text) + extended  # extended characters count twice


# Billable-unit multipliers by country calling code (Notify's international billing table, a subset;
# numbers elsewhere are charged DEFAULT_INTERNATIONAL_MULTIPLIER). The UK and Crown dependencies are 1.
RATE_MULTIPLIERS: dict[str, int] = {
    "1": 1, "7": 4, "20": 3, "27": 2, "30": 2, "31": 3, "32": 3, "33": 2, "34": 2, "36": 3, "39": 2, "40": 2,
    "41": 2, "43": 3, "44": 1, "45": 2, "46": 2, "47": 3, "48": 2, "49": 4, "51": 2, "52": 2, "53": 2, "54": 3,
    "55": 2, "56": 1, "57": 1, "58": 2, "60": 1, "61": 2, "62": 2, "63": 1, "64": 3, "65": 1, "66": 2, "81": 3,
    "82": 2, "84": 2, "86": 2, "90": 2, "91": 3, "92": 2, "93": 3, "353": 2,
}
DEFAULT_INTERNATIONAL_MULTIPLIER = 2
# Countries whose delivery receipts cannot be trusted ('dlr' not YES): a message there stays `sent`.
NO_DELIVERY_RECEIPTS = frozenset({"1", "52", "54", "56", "57", "84", "86"})


def rate_multiplier(phone_prefix: str) -> float:
    return float(RATE_MULTIPLIERS.get(phone_prefix, DEFAULT_INTERNATIONAL_MULTIPLIER))


def has_delivery_receipts(phone_prefix: str | None) -> bool:
    return phone_prefix not in NO_DELIVERY_RECEIPTS
