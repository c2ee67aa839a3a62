"""Verification codes, in memory: `id -> VerifyCode`."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.verify_code import CodeType, VerifyCode

from .base import MemoryRepository


class InMemoryVerifyCodeRepository(MemoryRepository[VerifyCode]):
    table_name = "verify_codes"

    def add(self, code: VerifyCode) -> None:
        self._insert(code.id, code, what="verify code")

    def update(self, code: VerifyCode) -> None:
        self._replace(code.id, code)

    def list_for_user(self, user_id: UUID, code_type: CodeType) -> Sequence[VerifyCode]:
        return sorted((c for c in self._rows.values() if c.user_id == user_id and c.code_type is code_type),
                      key=lambda c: (c.created_at, c.id), reverse=True)
