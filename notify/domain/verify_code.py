"""Verification codes: the second factor a user types (text message) or follows (email link). Only a hash of
each code is kept; a code is good once, until it expires."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import UUID

from attrs import evolve, frozen

CODE_LIFETIME = timedelta(minutes=30)
MAX_ACTIVE_CODES = 5  # more unused, unexpired codes than this and no new one is sent (stops code flooding)
SMS_CODE_DIGITS = 5


class CodeType(enum.StrEnum):
    SMS = "sms"
    EMAIL = "email"


@frozen(kw_only=True)
class VerifyCode:
    id: UUID
    user_id: UUID
    code_type: CodeType
    code_hash: str
    created_at: datetime
    expiry_datetime: datetime
    code_used: bool = False

    def expired(self, now: datetime) -> bool:
        return now > self.expiry_datetime

    def active(self, now: datetime) -> bool:
        return not self.code_used and not self.expired(now)

    def used(self) -> VerifyCode:
        return evolve(self, code_used=True)


def new_code(*, id: UUID, user_id: UUID, code_type: CodeType, code_hash: str, now: datetime) -> VerifyCode:
    return VerifyCode(id=id, user_id=user_id, code_type=code_type, code_hash=code_hash, created_at=now,
                      expiry_datetime=now + CODE_LIFETIME)


def may_send_another(codes: Iterable[VerifyCode], now: datetime) -> bool:
    return sum(1 for code in codes if code.active(now)) < MAX_ACTIVE_CODES
