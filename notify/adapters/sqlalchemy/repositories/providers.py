"""Provider details (priority, activity), every version kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from notify.domain import errors
from notify.domain.provider import ProviderDetails

from .. import rows as R
from .. import tables as t
from .base import VersionedRepository


# Every delivery batch lists the providers: the statement is built once per dialect, so SQLAlchemy neither
# rebuilds its collations nor recomputes its cache key each time (a fifth of delivery's CPU under load).
_LIST: dict[type, sa.Select[Any]] = {}


class SqlAlchemyProviderRepository(VersionedRepository[ProviderDetails]):
    table, history_table, map = t.provider_details, t.provider_details_history, R.PROVIDER
    not_found = errors.ProviderNotFound
    what = "provider"

    def add(self, provider: ProviderDetails) -> None:
        self._add_versioned(provider)

    def update(self, provider: ProviderDetails) -> None:
        self._update_versioned(provider)

    def get(self, provider_id: UUID) -> ProviderDetails:
        return self._get_by_id(provider_id)

    def list(self) -> Sequence[ProviderDetails]:
        dialect = type(self._session.dialect)
        statement = _LIST.get(dialect)
        if statement is None:
            p = self.table
            statement = _LIST.setdefault(dialect, sa.select(p).order_by(
                self._text_order(p.c.notification_type), p.c.priority.desc(), self._text_order(p.c.identifier)))
        return self._all(statement)

    def versions(self, provider_id: UUID) -> Sequence[ProviderDetails]:
        h = self.history_table
        return self._history(h.c.id == provider_id, order=[h.c.version.desc()])

    def set_credentials(self, provider_id: UUID, credentials: Mapping[str, str]) -> None:
        self.get(provider_id)
        c = t.provider_credentials
        self._exec(sa.delete(c).where(c.c.provider_id == provider_id))
        if credentials:
            self._exec(sa.insert(c).values(provider_id=provider_id,
                                           credentials=self._session.cipher.encrypt_json(dict(credentials))))

    def credentials(self) -> Mapping[UUID, Mapping[str, str]]:
        c = t.provider_credentials
        decrypt = self._session.cipher.decrypt_json
        return {R.ROWS.structure(row.provider_id, UUID): decrypt(row.credentials, "provider credentials")
                for row in self._exec(sa.select(c.c.provider_id, c.c.credentials))}
