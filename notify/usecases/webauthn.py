"""Users' security keys (WebAuthn), as Notify's admin API keeps them: listed, added with what the admin app
verified, renamed, removed (never the last of a user who signs in with one); and a sign-in with one completed
or counted as failed. Where this platform runs the ceremony itself, `register_key` and `sign_in_with_key`
check the browser's responses (ports.webauthn) before doing the same."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain import errors
from notify.domain.user import User
from notify.domain.webauthn import MAX_FAILED_WEBAUTHN_LOGINS, WebauthnCredential, check_removable
from notify.ports.webauthn import WebauthnVerifier

from .app import Notify


def list_keys(notify: Notify, user_id: UUID) -> Sequence[WebauthnCredential]:
    with notify.uow() as uow:
        uow.users.get(user_id)
        return uow.webauthn_credentials.list_for_user(user_id)


def add_key(notify: Notify, user_id: UUID, *, name: str, credential_data: str,
            registration_response: str) -> WebauthnCredential:
    """Keep a key the admin app registered; its credential data must hold a key sign-ins can be checked with."""
    _verifier(notify).check_credential_data(credential_data)
    key = WebauthnCredential(id=notify.ids.new(), user_id=user_id, name=name, credential_data=credential_data,
                             registration_response=registration_response, created_at=notify.clock.now())
    with notify.uow() as uow:
        uow.users.get(user_id)
        uow.webauthn_credentials.add(key)
        uow.commit()
    return key


def register_key(notify: Notify, user_id: UUID, *, name: str, response: str, challenge: bytes, origin: str,
                 rp_id: str) -> WebauthnCredential:
    """Check the browser's registration response against the challenge given, then keep the key."""
    registered = _verifier(notify).verify_registration(response, challenge=challenge, origin=origin, rp_id=rp_id)
    return add_key(notify, user_id, name=name, credential_data=registered.credential_data,
                   registration_response=registered.registration_response)


def rename_key(notify: Notify, user_id: UUID, key_id: UUID, *, name: str) -> WebauthnCredential:
    with notify.uow() as uow:
        renamed = uow.webauthn_credentials.get(user_id, key_id).renamed(name, now=notify.clock.now())
        uow.webauthn_credentials.update(renamed)
        uow.commit()
    return renamed


def remove_key(notify: Notify, user_id: UUID, key_id: UUID) -> None:
    with notify.uow() as uow:
        uow.webauthn_credentials.get(user_id, key_id)
        check_removable(uow.users.get(user_id), uow.webauthn_credentials.list_for_user(user_id))
        uow.webauthn_credentials.remove(user_id, key_id)
        uow.commit()


def complete_login(notify: Notify, user_id: UUID, *, successful: bool, key_id: UUID | None = None) -> User:
    """After a sign-in with a key: signed in (new session, failed count back to 0, the key's last use), or
    one more failed login. Refused outright once too many have failed (Notify's 403)."""
    now = notify.clock.now()
    with notify.uow() as uow:
        user = uow.users.get(user_id)
        if user.failed_login_count >= MAX_FAILED_WEBAUTHN_LOGINS:
            raise errors.Forbidden("Maximum login count exceeded")
        if not successful:
            failed = user.failed_login(now=now)
            uow.users.update(failed)
            uow.commit()
            return failed
        if key_id is not None:
            uow.webauthn_credentials.update(uow.webauthn_credentials.get(user_id, key_id).signed_in_with(now=now))
        signed_in = user.logged_in(now=now).changed(now=now, current_session_id=notify.ids.new())
        uow.users.update(signed_in)
        uow.commit()
        return signed_in


def sign_in_with_key(notify: Notify, user_id: UUID, *, response: str, challenge: bytes, origin: str,
                     rp_id: str) -> User:
    """Check the browser's assertion against the user's keys and complete the login; a response that does not
    verify counts as a failed login and raises InvalidRequest."""
    keys = list_keys(notify, user_id)
    try:
        key = _verifier(notify).verify_assertion(response, challenge=challenge, origin=origin, rp_id=rp_id,
                                                 credentials=keys)
    except errors.InvalidRequest:
        complete_login(notify, user_id, successful=False)
        raise
    return complete_login(notify, user_id, successful=True, key_id=key.id)


def _verifier(notify: Notify) -> WebauthnVerifier:
    if notify.webauthn is None:
        raise errors.InvalidRequest("WebAuthn is not available on this platform")
    return notify.webauthn
