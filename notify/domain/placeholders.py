"""Notify's placeholder rules, as pure functions over text (stdlib only).

Syntax
    ``((name))``          replaced by the value given for ``name``.
    ``((name??text))``    optional text: ``text`` is shown when the value given for ``name`` is truthy
                          (one of ``yes y true t 1 include show``, any case), and nothing otherwise.
                          The name of an optional placeholder is still a placeholder: a value is required.
    A placeholder body is anything between ``((`` and ``))`` that holds no bracket.

Matching names
    Names are matched insensitively: case, whitespace, ``_`` and ``-`` are ignored, so ``((First Name))``,
    ``((first_name))`` and ``((FIRSTNAME))`` all take the value given as ``{"first name": ...}``
    (see ``key``). A value of ``None`` counts as missing.

API (all functions take plain strings and a mapping; nothing is mutated)
    names(text) -> list[str]
        The placeholders of one text, each once (by ``key``), in order of first appearance, spelled as in the
        text with surrounding whitespace stripped.
    template_names(content, subject=None) -> list[str]
        The same over a template's parts, subject first (as Notify lists them); use for "what personalisation
        does this template take".
    missing(text, values) -> list[str]
        The names of ``names(text)`` with no value (absent or None) in ``values``.
    render(text, values) -> str
        The text with every placeholder that has a value replaced (``str(value)``; optional text resolved);
        placeholders without a value are left as written. Call ``missing`` first to refuse incomplete data.
        Escaping (HTML for email) and list formatting are the caller's business: pass prepared strings.
    key(name) -> str
        The normalised form used for matching.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["PLACEHOLDER", "TRUTHY", "by_key", "fill", "is_truthy", "key", "missing", "missing_from", "names",
           "render", "template_names"]

PLACEHOLDER = re.compile(r"\(\(([^()]+)\)\)")
"""One placeholder; group 1 is its body (``name`` or ``name??text``)."""

TRUTHY = frozenset({"yes", "y", "true", "t", "1", "include", "show"})
_CONDITIONAL = "??"
_IGNORED = str.maketrans("", "", "_-")


def key(name: str) -> str:
    """Normalised name: lower case, no whitespace, no ``_`` or ``-``."""
    return _known_key(name) if len(name) <= 100 else _normalised(name)  # long ones are no name, not kept


def _normalised(name: str) -> str:
    return "".join(name.split()).translate(_IGNORED).lower()


_known_key = functools.lru_cache(maxsize=4096)(_normalised)  # every send brings the same few names


def _split(body: str) -> tuple[str, str | None]:
    name, sep, text = body.partition(_CONDITIONAL)
    return name.strip(), (text if sep else None)


def is_truthy(value: Any) -> bool:
    """Whether a value shows the text of an optional placeholder."""
    if value is None:
        return False
    return str(value).strip().lower() in TRUTHY


def _unique(found: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in found:
        k = key(name)
        if k not in seen:
            seen.add(k)
            out.append(name)
    return out


@functools.lru_cache(maxsize=1024)
def _parse(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, str | None, str], ...]]:
    """`text` split once (per distinct text: templates are few, sends many) into literal runs and the
    placeholders between them: (literals, placeholders), one more literal than placeholders; a placeholder is
    (key, name, optional text or None, as written)."""
    literals: list[str] = []
    holes: list[tuple[str, str, str | None, str]] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        literals.append(text[last:match.start()])
        name, optional_text = _split(match.group(1))
        holes.append((key(name), name, optional_text, match.group(0)))
        last = match.end()
    literals.append(text[last:])
    return tuple(literals), tuple(holes)


@functools.lru_cache(maxsize=1024)
def _names_and_keys(text: str) -> tuple[tuple[str, str], ...]:
    seen: set[str] = set()
    found = []
    for k, name, _, _ in _parse(text)[1]:
        if k and k not in seen:
            seen.add(k)
            found.append((name, k))
    return tuple(found)


def names(text: str | None) -> list[str]:
    """Placeholders of ``text``, each once, in order of first appearance."""
    if not text:
        return []
    return [name for name, _ in _names_and_keys(text)]


def template_names(content: str | None, subject: str | None = None) -> list[str]:
    """Placeholders of a template: subject first, then content; each once."""
    return _unique([*names(subject), *names(content)])


def by_key(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` keyed by ``key``: what ``missing_from`` and ``fill`` take (normalise once, use twice)."""
    return {key(str(k)): v for k, v in values.items()}


def missing_from(text: str | None, given: Mapping[str, Any]) -> list[str]:
    """``missing`` over values already keyed by ``by_key``."""
    if not text:
        return []
    return [name for name, k in _names_and_keys(text) if given.get(k) is None]


def fill(text: str, given: Mapping[str, Any]) -> str:
    """``render`` over values already keyed by ``by_key``."""
    literals, holes = _parse(text)
    if not holes:
        return text
    out = [literals[0]]
    for (k, _, optional_text, written), literal in zip(holes, literals[1:]):
        value = given.get(k) if k else None
        if value is None:
            out.append(written)
        elif optional_text is not None:
            out.append(optional_text if is_truthy(value) else "")
        else:
            out.append(str(value))
        out.append(literal)
    return "".join(out)


def missing(text: str | None, values: Mapping[str, Any]) -> list[str]:
    """Names of placeholders in ``text`` with no value (absent or None) in ``values``."""
    return missing_from(text, by_key(values)) if text and _names_and_keys(text) else []


def render(text: str, values: Mapping[str, Any]) -> str:
    """Replace the placeholders of ``text`` that have a value; leave the others as written."""
    return fill(text, by_key(values)) if _parse(text)[1] else text
