"""`sanitise_content_for`: personalisation values an email must show as typed, never as formatting or links
(a name like `[click here](https://…)` must not become a link). For each named key (matched as placeholders
are), the value is escaped as Notify does for email: a web address made only of letters, digits, dots and
hyphens is broken up (". " for "."), any other web address is removed, and every markdown character is
escaped with a backslash."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from . import placeholders

MARKDOWN_CHARACTERS = re.compile(r"([\\`*_(){}\[\]<>#+\-.!|])")
URL = re.compile(r"(?:https?://|www\.)\S+|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/\S*)?", re.IGNORECASE)
PLAIN_HOST = re.compile(r"^[A-Za-z0-9.-]+$")


@frozen
class Sanitised:
    unsanitised: str
    sanitised: str


def _without_links(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        url = match.group(0)
        if PLAIN_HOST.match(url):
            return url.replace(".", ". ")
        return ""

    return URL.sub(replace, text)


def sanitise_value(text: str) -> str:
    return MARKDOWN_CHARACTERS.sub(r"\\\1", _without_links(text))


def sanitise_personalisation(values: Mapping[str, Any], keys: Iterable[str]) -> tuple[dict[str, Any],
                                                                                       dict[str, Sanitised]]:
    """The personalisation with the named string values sanitised, and what changed, by the caller's key."""
    wanted = {placeholders.key(k) for k in keys}
    out = dict(values)
    changed: dict[str, Sanitised] = {}
    for name, value in values.items():
        if placeholders.key(str(name)) in wanted and isinstance(value, str):
            clean = sanitise_value(value)
            out[name] = clean
            if clean != value:
                changed[name] = Sanitised(value, clean)
    return out, changed
