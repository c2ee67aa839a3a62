"""Organisations' branding pools, in SQL: one link table per kind of branding, keyed by both ids."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.branding import BrandingKind

from .. import tables as t
from ..session import Session

POOLS = {"email": (t.email_branding_to_organisation, "email_branding_id"),
         "letter": (t.letter_branding_to_organisation, "letter_branding_id")}


class SqlAlchemyBrandingPoolRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def list(self, organisation_id: UUID, kind: BrandingKind) -> Sequence[UUID]:
        table, column = POOLS[kind]
        return list(self._session.execute(sa.select(table.c[column]).where(
            table.c.organisation_id == organisation_id), what="branding pool").scalars())

    def add(self, organisation_id: UUID, kind: BrandingKind, branding_ids: Sequence[UUID]) -> None:
        table, column = POOLS[kind]
        there = set(self.list(organisation_id, kind))
        for branding_id in dict.fromkeys(branding_ids):
            if branding_id in there:
                continue
            try:
                with self._session.savepoint():  # a concurrent add of the same branding is no clash
                    self._session.execute(sa.insert(table), {"organisation_id": organisation_id,
                                                             column: branding_id}, what="branding pool")
            except errors.AlreadyExists:
                continue

    def remove(self, organisation_id: UUID, kind: BrandingKind, branding_id: UUID) -> bool:
        table, column = POOLS[kind]
        result = self._session.execute(sa.delete(table).where(
            table.c.organisation_id == organisation_id, table.c[column] == branding_id), what="branding pool")
        return bool(result.rowcount)

    def remove_everywhere(self, kind: BrandingKind, branding_id: UUID) -> None:
        table, column = POOLS[kind]
        self._session.execute(sa.delete(table).where(table.c[column] == branding_id), what="branding pool")
