"""Verification codes in SQL, newest first per user."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.verify_code import CodeType, VerifyCode

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

VERIFY_CODE = RowMap(VerifyCode)


class SqlAlchemyVerifyCodeRepository(SqlRepository[VerifyCode]):
    table, map = t.verify_codes, VERIFY_CODE
    what = "verify code"

    def add(self, code: VerifyCode) -> None:
        self._insert(code)

    def update(self, code: VerifyCode) -> None:
        self._replace(code.id, code)

    def list_for_user(self, user_id: UUID, code_type: CodeType) -> Sequence[VerifyCode]:
        c = self.table
        return self._all(sa.select(c).where(c.c.user_id == user_id, c.c.code_type == code_type.value)
                         .order_by(c.c.created_at.desc(), c.c.id.desc()))
