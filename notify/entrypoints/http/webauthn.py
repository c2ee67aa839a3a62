"""Admin API: a user's security keys, /user/{id}/webauthn (listed, added, renamed, removed), and
/user/{id}/complete/webauthn-login, which the admin app calls once it has checked a sign-in with one."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import webauthn as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.webauthn import AddKey, KeyLogin, KeyOut, RenameKey


class WebauthnResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /user/{user_id}/webauthn
    @operation(response=list[KeyOut], key="data")
    def on_get(self, req: falcon.Request, user_id: UUID) -> list[KeyOut]:
        """The user's keys, oldest first."""
        return [KeyOut.of(k) for k in usecases.list_keys(self._notify, user_id)]

    @operation(body=AddKey, response=KeyOut, key="data", status=201)
    def on_post(self, req: falcon.Request, user_id: UUID, body: AddKey) -> KeyOut:
        """Keep a key the admin app registered (its credential data must hold a usable public key)."""
        return KeyOut.of(usecases.add_key(self._notify, user_id, name=body.name, credential_data=body.credential_data,
                                          registration_response=body.registration_response))

    # /user/{user_id}/webauthn/{webauthn_credential_id}
    @operation(body=RenameKey, response=KeyOut, key="data")
    def on_post_item(self, req: falcon.Request, user_id: UUID, webauthn_credential_id: UUID,
                     body: RenameKey) -> KeyOut:
        """Rename a key (another user's is a 404)."""
        return KeyOut.of(usecases.rename_key(self._notify, user_id, webauthn_credential_id, name=body.name))

    @operation(status=204)
    def on_delete_item(self, req: falcon.Request, user_id: UUID, webauthn_credential_id: UUID) -> None:
        """Remove a key; a user who signs in with keys keeps the last one (400)."""
        usecases.remove_key(self._notify, user_id, webauthn_credential_id)

    # /user/{user_id}/complete/webauthn-login
    @operation(body=KeyLogin, status=204)
    def on_post_login(self, req: falcon.Request, user_id: UUID, body: KeyLogin) -> None:
        """Record a sign-in with a key: signed in when `successful`, else one more failed login; 403 once the
        user has failed too often."""
        usecases.complete_login(self._notify, user_id, successful=body.successful,
                                key_id=body.webauthn_credential_id)
