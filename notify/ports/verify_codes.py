"""Where verification codes are kept (domain.verify_code)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.verify_code import CodeType, VerifyCode


class VerifyCodeRepository(Protocol):
    def add(self, code: VerifyCode) -> None: ...
    def update(self, code: VerifyCode) -> None: ...

    def list_for_user(self, user_id: UUID, code_type: CodeType) -> Sequence[VerifyCode]:
        """Every stored code of this type for the user, newest first."""
        ...
