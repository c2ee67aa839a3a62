"""Email and letter branding: what the admin app sets, and how each is shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from attrs import define

from notify.domain.branding import EmailBranding, LetterBranding
from notify.domain.constants import BrandType

from .fields import Changes, optional, required

BY = ("created_by", "updated_by")


@define(kw_only=True)
class BrandingChanges(Changes):
    created_by: UUID | None = optional()
    updated_by: UUID | None = optional()

    @property
    def by(self) -> UUID | None:
        return self.updated_by or self.created_by

    def details(self) -> dict[str, Any]:
        """The branding's own fields the request named (not who made the change)."""
        return {name: value for name, value in self.changed().items() if name not in BY}


@define(kw_only=True)
class EmailBrandingFields(BrandingChanges):
    name: str = optional(max_length=255, not_blank=True)
    colour: str | None = optional(max_length=7)
    logo: str | None = optional(max_length=255)
    text: str | None = optional(max_length=255)
    alt_text: str | None = optional(max_length=255)
    brand_type: BrandType = optional()


@define(kw_only=True)
class CreateEmailBranding(EmailBrandingFields):
    name: str = required(max_length=255, not_blank=True)


@define(kw_only=True)
class LetterBrandingFields(BrandingChanges):
    name: str = optional(max_length=255, not_blank=True)
    filename: str = optional(max_length=255, not_blank=True)


@define(kw_only=True)
class CreateLetterBranding(LetterBrandingFields):
    name: str = required(max_length=255, not_blank=True)
    filename: str = required(max_length=255, not_blank=True)


@define(kw_only=True)
class EmailBrandingOut:
    id: UUID
    name: str
    colour: str | None
    logo: str | None
    text: str | None
    alt_text: str | None
    brand_type: BrandType
    created_by: UUID | None
    created_at: datetime | None
    updated_at: datetime | None
    updated_by: UUID | None

    @classmethod
    def of(cls, b: EmailBranding) -> EmailBrandingOut:
        return cls(id=b.id, name=b.name, colour=b.colour, logo=b.logo, text=b.text, alt_text=b.alt_text,
                   brand_type=b.brand_type, created_by=b.created_by, created_at=b.created_at,
                   updated_at=b.updated_at, updated_by=b.updated_by)


@define(kw_only=True)
class EmailBrandingList:
    email_branding: list[EmailBrandingOut]


@define(kw_only=True)
class EmailBrandingItem:
    email_branding: EmailBrandingOut


@define(kw_only=True)
class LetterBrandingOut:
    id: UUID
    name: str
    filename: str
    created_by: UUID | None
    created_at: datetime | None
    updated_at: datetime | None
    updated_by: UUID | None

    @classmethod
    def of(cls, b: LetterBranding) -> LetterBrandingOut:
        return cls(id=b.id, name=b.name, filename=b.filename, created_by=b.created_by, created_at=b.created_at,
                   updated_at=b.updated_at, updated_by=b.updated_by)


@define(kw_only=True)
class AltText:
    alt_text: str = required(max_length=255, not_blank=True)


@define(kw_only=True)
class WantedName:
    name: str = required(max_length=255, not_blank=True)


@define(kw_only=True)
class UnusedName:
    name: str
