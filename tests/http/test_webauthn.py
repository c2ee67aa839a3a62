"""Security keys through the admin API: listed, added (credential data must hold a usable key), renamed and
removed, never the last of a user who signs in with keys; sign-ins with a key completed or counted as failed.
Another user's keys are 404s; bad bodies are 400s. Where this platform checks the ceremony itself, responses
from a software key are verified before the key is kept or the user signed in."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.adapters.webauthn import PyWebauthnVerifier
from notify.domain.constants import AuthType
from notify.domain.errors import InvalidRequest
from notify.domain.user import User
from notify.usecases import webauthn
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock
from ..software_authenticator import ORIGIN, RP_ID, SoftwareAuthenticator

CHALLENGE = b"a challenge the admin app made 1"


@pytest.fixture
def user(notify: Notify) -> User:
    return factories.create_user(notify)


def key_body(name: str = "Blue key") -> dict[str, str]:
    """What the admin app posts after verifying a registration: our verifier turns one into that form."""
    registered = PyWebauthnVerifier().verify_registration(SoftwareAuthenticator().register(CHALLENGE),
                                                          challenge=CHALLENGE, origin=ORIGIN, rp_id=RP_ID)
    return {"name": name, "credential_data": registered.credential_data,
            "registration_response": registered.registration_response}


def add(admin: AdminClient, user: User, name: str = "Blue key") -> Any:
    return admin.post(f"/user/{user.id}/webauthn", json=key_body(name))


def test_keys_are_added_listed_renamed_and_removed(admin: AdminClient, user: User, clock: FrozenClock) -> None:
    created = add(admin, user)
    assert created.status_code == 201
    shown = created.json["data"]
    assert shown["user_id"] == str(user.id) and shown["name"] == "Blue key"
    assert shown["logged_in_at"] is None and shown["updated_at"] is None and "registration_response" not in shown
    clock.advance(minutes=1)
    second = add(admin, user, "Red key").json["data"]
    base = f"/user/{user.id}/webauthn"
    assert [k["name"] for k in admin.get(base).json["data"]] == ["Blue key", "Red key"]
    renamed = admin.post(f"{base}/{shown['id']}", json={"name": "Office key"})
    assert renamed.status_code == 200 and renamed.json["data"]["name"] == "Office key"
    assert renamed.json["data"]["updated_at"] is not None
    removed = admin.delete(f"{base}/{second['id']}")
    assert removed.status_code == 204
    assert [k["id"] for k in admin.get(base).json["data"]] == [shown["id"]]


def test_a_user_who_signs_in_with_keys_keeps_the_last_one(admin: AdminClient, notify: Notify) -> None:
    key_user = factories.create_user(notify, auth_type=AuthType.WEBAUTHN)
    only = add(admin, key_user).json["data"]
    refused = admin.delete(f"/user/{key_user.id}/webauthn/{only['id']}")
    assert refused.status_code == 400
    assert refused.json["message"] == "Cannot delete last remaining webauthn credential for user"
    sms_user = factories.create_user(notify)
    theirs = add(admin, sms_user).json["data"]
    assert admin.delete(f"/user/{sms_user.id}/webauthn/{theirs['id']}").status_code == 204


def test_another_users_keys_are_out_of_reach(admin: AdminClient, notify: Notify, user: User) -> None:
    mine = add(admin, user).json["data"]
    other = factories.create_user(notify)
    base = f"/user/{other.id}/webauthn/{mine['id']}"
    assert admin.post(base, json={"name": "Taken"}).status_code == 404
    assert admin.delete(base).status_code == 404
    assert admin.get(f"/user/{other.id}/webauthn").json["data"] == []
    logged = admin.post(f"/user/{other.id}/complete/webauthn-login",
                        json={"successful": True, "webauthn_credential_id": mine["id"]})
    assert logged.status_code == 404
    assert admin.get(f"/user/{user.id}/webauthn").json["data"][0]["name"] == "Blue key"
    assert admin.get(f"/user/{uuid4()}/webauthn").status_code == 404
    assert admin.post(f"/user/{uuid4()}/webauthn", json=key_body()).status_code == 404


@pytest.mark.parametrize("body", [{}, {"name": "", "credential_data": "x", "registration_response": "y"},
                                  {"name": "Key", "credential_data": "bm90IGEga2V5", "registration_response": "y"},
                                  {"name": "Key", "credential_data": 5, "registration_response": "y"}])
def test_bad_keys_are_400s(admin: AdminClient, user: User, body: dict[str, Any]) -> None:
    result = admin.post(f"/user/{user.id}/webauthn", json=body)
    assert result.status_code == 400, result.json
    assert result.json["result"] == "error"


def test_completing_a_sign_in_records_it_as_notify_does(admin: AdminClient, notify: Notify, user: User) -> None:
    key = add(admin, user).json["data"]
    path = f"/user/{user.id}/complete/webauthn-login"
    assert admin.post(path, json={"successful": False}).status_code == 204
    assert admin.get(f"/user/{user.id}").json["data"]["failed_login_count"] == 1
    done = admin.post(path, json={"successful": True, "webauthn_credential_id": key["id"]})
    assert done.status_code == 204
    shown = admin.get(f"/user/{user.id}").json["data"]
    assert shown["failed_login_count"] == 0 and shown["logged_in_at"] is not None
    assert shown["current_session_id"] is not None
    assert admin.get(f"/user/{user.id}/webauthn").json["data"][0]["logged_in_at"] is not None
    for _ in range(5):
        admin.post(path, json={"successful": False})
    locked = admin.post(path, json={"successful": True})
    assert locked.status_code == 403 and locked.json["message"] == "Maximum login count exceeded"
    assert admin.post(path, json={"successful": "yes"}).status_code == 400
    assert admin.post(path, json={"successful": True, "webauthn_credential_id": "x"}).status_code == 400


def test_this_platform_verifies_a_ceremony_itself(notify: Notify, user: User) -> None:
    authenticator = SoftwareAuthenticator()
    key = webauthn.register_key(notify, user.id, name="Laptop", response=authenticator.register(CHALLENGE),
                                challenge=CHALLENGE, origin=ORIGIN, rp_id=RP_ID)
    signed_in = webauthn.sign_in_with_key(notify, user.id, response=authenticator.sign_in(b"sign-in challenge 2"),
                                          challenge=b"sign-in challenge 2", origin=ORIGIN, rp_id=RP_ID)
    assert signed_in.logged_in_at == notify.clock.now() and signed_in.failed_login_count == 0
    assert webauthn.list_keys(notify, user.id)[0].logged_in_at == notify.clock.now()
    assert webauthn.list_keys(notify, user.id)[0].id == key.id
    with pytest.raises(InvalidRequest):
        webauthn.sign_in_with_key(notify, user.id, response=SoftwareAuthenticator().sign_in(CHALLENGE),
                                  challenge=CHALLENGE, origin=ORIGIN, rp_id=RP_ID)
    with notify.uow() as uow:
        assert uow.users.get(user.id).failed_login_count == 1
    with pytest.raises(InvalidRequest):
        webauthn.register_key(notify, user.id, name="Phone", response=SoftwareAuthenticator().register(CHALLENGE),
                              challenge=b"not the challenge given", origin=ORIGIN, rp_id=RP_ID)
    assert len(webauthn.list_keys(notify, user.id)) == 1
