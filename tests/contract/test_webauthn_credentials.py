"""Users' security keys, on every store: kept per user (oldest first), renamed, used, removed; another user's
key is not found."""

from __future__ import annotations

from uuid import UUID, uuid4

import attrs
import pytest

from notify.domain.webauthn import WebauthnCredential, WebauthnCredentialNotFound

from .helpers import NewUow, add_user, later


def credential(user_id: UUID, minutes: float = 0) -> WebauthnCredential:
    return WebauthnCredential(id=uuid4(), user_id=user_id, name="Key", credential_data="Y3JlZA==",
                              registration_response="cmVn", created_at=later(minutes=minutes))


def test_keys_round_trip_per_user(new_uow: NewUow) -> None:
    user, other = add_user(new_uow), add_user(new_uow)
    second, first, theirs = credential(user.id, 2), credential(user.id, 1), credential(other.id)
    with new_uow() as uow:
        for c in (second, first, theirs):
            uow.webauthn_credentials.add(c)
        uow.commit()
    with new_uow() as uow:
        assert uow.webauthn_credentials.list_for_user(user.id) == [first, second]
        assert uow.webauthn_credentials.get(user.id, first.id) == first
        with pytest.raises(WebauthnCredentialNotFound):
            uow.webauthn_credentials.get(other.id, first.id)


def test_keys_are_renamed_used_and_removed_only_by_their_user(new_uow: NewUow) -> None:
    user, other = add_user(new_uow), add_user(new_uow)
    key = credential(user.id)
    with new_uow() as uow:
        uow.webauthn_credentials.add(key)
        uow.commit()
    changed = key.renamed("Blue key", now=later(minutes=5)).signed_in_with(now=later(minutes=6))
    with new_uow() as uow:
        with pytest.raises(WebauthnCredentialNotFound):
            uow.webauthn_credentials.update(attrs.evolve(changed, user_id=other.id))
        with pytest.raises(WebauthnCredentialNotFound):
            uow.webauthn_credentials.remove(other.id, key.id)
        uow.webauthn_credentials.update(changed)
        uow.commit()
    with new_uow() as uow:
        assert uow.webauthn_credentials.get(user.id, key.id) == changed
        uow.webauthn_credentials.remove(user.id, key.id)
        uow.commit()
    with new_uow() as uow:
        assert uow.webauthn_credentials.list_for_user(user.id) == []
        with pytest.raises(WebauthnCredentialNotFound):
            uow.webauthn_credentials.remove(user.id, key.id)
