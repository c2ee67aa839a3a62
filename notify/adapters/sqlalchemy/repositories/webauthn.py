"""Users' security keys in SQL: every read and write names the user, so another user's key is not found."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.webauthn import WebauthnCredential, WebauthnCredentialNotFound

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

WEBAUTHN_CREDENTIAL = RowMap(WebauthnCredential)


class SqlAlchemyWebauthnCredentialRepository(SqlRepository[WebauthnCredential]):
    table, map = t.webauthn_credential, WEBAUTHN_CREDENTIAL
    not_found = WebauthnCredentialNotFound
    what = "webauthn credential"

    def _mine(self, user_id: UUID, credential_id: UUID) -> sa.ColumnElement[bool]:
        return sa.and_(self.table.c.id == credential_id, self.table.c.user_id == user_id)

    def add(self, credential: WebauthnCredential) -> None:
        self._insert(credential)

    def update(self, credential: WebauthnCredential) -> None:
        result = self._exec(sa.update(self.table).where(self._mine(credential.user_id, credential.id))
                            .values(self._row(credential)))
        if result.rowcount == 0:
            raise self.not_found()

    def remove(self, user_id: UUID, credential_id: UUID) -> None:
        if self._exec(sa.delete(self.table).where(self._mine(user_id, credential_id))).rowcount == 0:
            raise self.not_found()

    def get(self, user_id: UUID, credential_id: UUID) -> WebauthnCredential:
        return self._get_by_id(credential_id, self.table.c.user_id == user_id)

    def list_for_user(self, user_id: UUID) -> Sequence[WebauthnCredential]:
        c = self.table.c
        return self._all(sa.select(self.table).where(c.user_id == user_id).order_by(c.created_at, c.id))
