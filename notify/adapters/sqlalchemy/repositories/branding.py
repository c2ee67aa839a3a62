"""Email and letter branding."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.branding import EmailBranding, LetterBranding

from .. import rows as R
from .. import tables as t
from .base import SqlRepository


class SqlAlchemyEmailBrandingRepository(SqlRepository[EmailBranding]):
    table, map = t.email_branding, R.EMAIL_BRANDING
    not_found = errors.BrandingNotFound
    what = "email branding"

    def add(self, branding: EmailBranding) -> None:
        self._insert(branding)

    def update(self, branding: EmailBranding) -> None:
        self._replace(branding.id, branding)

    def get(self, branding_id: UUID) -> EmailBranding:
        return self._get_by_id(branding_id)

    def list(self) -> Sequence[EmailBranding]:
        return self._all(sa.select(self.table).where(self.table.c.active)
                         .order_by(self._text_order(self.table.c.name)))


class SqlAlchemyLetterBrandingRepository(SqlRepository[LetterBranding]):
    table, map = t.letter_branding, R.LETTER_BRANDING
    not_found = errors.BrandingNotFound
    what = "letter branding"

    def add(self, branding: LetterBranding) -> None:
        self._insert(branding)

    def update(self, branding: LetterBranding) -> None:
        self._replace(branding.id, branding)

    def get(self, branding_id: UUID) -> LetterBranding:
        return self._get_by_id(branding_id)

    def list(self) -> Sequence[LetterBranding]:
        return self._all(sa.select(self.table).order_by(self._text_order(self.table.c.name)))
