"""Email and letter branding a service or organisation can use."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal
from uuid import UUID

from attrs import evolve, frozen

from .constants import BrandType
from .errors import ValidationFailed


@frozen(kw_only=True)
class EmailBranding:
    id: UUID
    name: str
    brand_type: BrandType = BrandType.ORG
    colour: str | None = None  # hex, e.g. #ff0000
    logo: str | None = None
    text: str | None = None
    alt_text: str | None = None
    created_by: UUID | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: UUID | None = None
    active: bool = True  # False once archived: no longer offered, its old name free again

    def changed(self, *, now: datetime, **changes: object) -> EmailBranding:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]

    def archived(self, *, now: datetime) -> EmailBranding:
        """Out of use for good, renamed so that a new branding can take its name."""
        return self.changed(now=now, active=False, name=f"_archived_{now:%Y-%m-%d_%H:%M:%S}_{self.name}")


BrandingKind = Literal["email", "letter"]


@frozen(kw_only=True)
class LetterBranding:
    id: UUID
    name: str
    filename: str
    created_by: UUID | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: UUID | None = None

    def changed(self, *, now: datetime, **changes: object) -> LetterBranding:
        return evolve(self, **changes, updated_at=now)  # type: ignore[arg-type]


_HEX = frozenset("0123456789abcdefABCDEF")


def check_colour(colour: str | None) -> None:
    """A colour is `#rgb` or `#rrggbb` (or absent)."""
    if colour is None:
        return
    digits = colour[1:]
    if not (colour.startswith("#") and len(digits) in (3, 6) and set(digits) <= _HEX):
        raise ValidationFailed({"colour": [f"{colour} is not a valid colour: use a hex code like #ff0000"]})


ALTERNATES = 99  # how many "(alternate n)" names are tried before giving up


def unused_name(wanted: str, taken: Iterable[str]) -> str:
    """`wanted` when no branding has that name (in any case), or else the first `wanted (alternate n)` unused."""
    names = {name.casefold() for name in taken}
    if wanted.casefold() not in names:
        return wanted
    for n in range(1, ALTERNATES + 1):
        candidate = f"{wanted} (alternate {n})"
        if candidate.casefold() not in names:
            return candidate
    raise ValidationFailed({"name": [f"Couldn't find an unused name for {wanted}: too many alternates"]})
