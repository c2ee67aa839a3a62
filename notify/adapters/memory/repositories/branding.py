"""Email and letter branding."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.branding import EmailBranding, LetterBranding

from .base import MemoryRepository


class InMemoryEmailBrandingRepository(MemoryRepository[EmailBranding]):
    table_name = "email_branding"
    not_found = errors.BrandingNotFound

    def add(self, branding: EmailBranding) -> None:
        self._insert(branding.id, branding, lambda b: b.name == branding.name, "email branding")

    def update(self, branding: EmailBranding) -> None:
        self._replace(branding.id, branding, lambda b: b.name == branding.name)

    def get(self, branding_id: UUID) -> EmailBranding:
        return self._get(branding_id)

    def list(self) -> Sequence[EmailBranding]:
        return sorted((b for b in self._rows.values() if b.active), key=lambda b: b.name)


class InMemoryLetterBrandingRepository(MemoryRepository[LetterBranding]):
    table_name = "letter_branding"
    not_found = errors.BrandingNotFound

    def _clash(self, branding: LetterBranding) -> Callable[[LetterBranding], bool]:
        return lambda b: b.name == branding.name or b.filename == branding.filename

    def add(self, branding: LetterBranding) -> None:
        self._insert(branding.id, branding, self._clash(branding), "letter branding")

    def update(self, branding: LetterBranding) -> None:
        self._replace(branding.id, branding, self._clash(branding))

    def get(self, branding_id: UUID) -> LetterBranding:
        return self._get(branding_id)

    def list(self) -> Sequence[LetterBranding]:
        return sorted(self._rows.values(), key=lambda b: b.name)
