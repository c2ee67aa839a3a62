"""Verification codes: stored, listed per user and type newest first, marked used, on every store."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from notify.domain import errors
from notify.domain.verify_code import CodeType, VerifyCode, new_code
from tests.fakes import T0

from .helpers import NewUow, add_user, later


def code(user_id: UUID, code_type: CodeType = CodeType.SMS, **delta: float) -> VerifyCode:
    return new_code(id=uuid4(), user_id=user_id, code_type=code_type, code_hash=f"hash-{uuid4()}",
                    now=later(**delta) if delta else T0)


def test_codes_are_listed_per_user_and_type_newest_first(new_uow: NewUow) -> None:
    user, other = add_user(new_uow), add_user(new_uow, email_address="other@example.gov.uk")
    old, new = code(user.id), code(user.id, minutes=1)
    email, others = code(user.id, CodeType.EMAIL), code(other.id)
    with new_uow() as uow:
        for c in (old, new, email, others):
            uow.verify_codes.add(c)
        uow.commit()
    with new_uow() as uow:
        assert uow.verify_codes.list_for_user(user.id, CodeType.SMS) == [new, old]
        assert uow.verify_codes.list_for_user(user.id, CodeType.EMAIL) == [email]
        assert uow.verify_codes.list_for_user(uuid4(), CodeType.SMS) == []


def test_a_used_code_stays_used_and_ids_are_unique(new_uow: NewUow) -> None:
    user = add_user(new_uow)
    stored = code(user.id)
    with new_uow() as uow:
        uow.verify_codes.add(stored)
        uow.commit()
    with new_uow() as uow:
        uow.verify_codes.update(stored.used())
        uow.commit()
    with new_uow() as uow:
        assert uow.verify_codes.list_for_user(user.id, CodeType.SMS) == [stored.used()]
        with pytest.raises(errors.AlreadyExists):
            uow.verify_codes.add(stored)
