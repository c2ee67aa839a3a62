"""py_webauthn's checks behind the verifier port, with responses from a software security key: a registration
becomes credential data in Notify's stored form, and sign-ins are checked against stored keys."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from uuid import uuid4

import cbor2
import pytest

from notify.adapters.webauthn import PyWebauthnVerifier
from notify.domain.errors import InvalidRequest
from notify.domain.webauthn import WebauthnCredential

from ...software_authenticator import ORIGIN, RP_ID, SoftwareAuthenticator, b64url

CHALLENGE = b"a challenge the server made, 32b"
verifier = PyWebauthnVerifier()


def stored(authenticator: SoftwareAuthenticator) -> WebauthnCredential:
    key = verifier.verify_registration(authenticator.register(CHALLENGE), challenge=CHALLENGE, origin=ORIGIN,
                                       rp_id=RP_ID)
    return WebauthnCredential(id=uuid4(), user_id=uuid4(), name="Key", credential_data=key.credential_data,
                              registration_response=key.registration_response,
                              created_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_a_registration_is_kept_as_notifys_admin_app_keeps_it() -> None:
    authenticator = SoftwareAuthenticator()
    key = stored(authenticator)
    attested = cbor2.loads(base64.b64decode(key.credential_data))
    assert attested[:16] == authenticator.aaguid
    assert attested[18:18 + 32] == authenticator.credential_id and attested[50:] == authenticator.cose_key()
    audit = cbor2.loads(base64.b64decode(key.registration_response))
    assert json.loads(audit["clientDataJSON"])["type"] == "webauthn.create" and audit["attestationObject"]
    verifier.check_credential_data(key.credential_data)


@pytest.mark.parametrize("change", [{"challenge": b"another challenge"}, {"origin": "https://evil.example"},
                                    {"rp_id": "evil.example"}])
def test_a_registration_for_another_challenge_origin_or_party_is_refused(change: dict[str, object]) -> None:
    checks: dict[str, object] = {"challenge": CHALLENGE, "origin": ORIGIN, "rp_id": RP_ID, **change}
    with pytest.raises(InvalidRequest):
        verifier.verify_registration(SoftwareAuthenticator().register(CHALLENGE), **checks)  # type: ignore[arg-type]


def test_a_sign_in_is_matched_to_the_key_that_signed_it() -> None:
    mine, other = SoftwareAuthenticator(), SoftwareAuthenticator()
    keys = [stored(other), stored(mine)]
    found = verifier.verify_assertion(mine.sign_in(CHALLENGE), challenge=CHALLENGE, origin=ORIGIN, rp_id=RP_ID,
                                      credentials=keys)
    assert found == keys[1]


def test_sign_ins_that_do_not_verify_are_refused() -> None:
    mine = SoftwareAuthenticator()
    keys = [stored(mine)]
    with pytest.raises(InvalidRequest):  # not one of the user's keys
        verifier.verify_assertion(SoftwareAuthenticator().sign_in(CHALLENGE), challenge=CHALLENGE, origin=ORIGIN,
                                  rp_id=RP_ID, credentials=keys)
    with pytest.raises(InvalidRequest):  # an old challenge
        verifier.verify_assertion(mine.sign_in(b"yesterday's challenge"), challenge=CHALLENGE, origin=ORIGIN,
                                  rp_id=RP_ID, credentials=keys)
    forged = json.loads(mine.sign_in(CHALLENGE))
    forged["response"]["signature"] = b64url(b"\x30\x06\x02\x01\x01\x02\x01\x01")
    with pytest.raises(InvalidRequest):  # a signature the key did not make
        verifier.verify_assertion(json.dumps(forged), challenge=CHALLENGE, origin=ORIGIN, rp_id=RP_ID,
                                  credentials=keys)
    with pytest.raises(InvalidRequest):
        verifier.verify_assertion("not json", challenge=CHALLENGE, origin=ORIGIN, rp_id=RP_ID, credentials=keys)


@pytest.mark.parametrize("credential_data", ["not base64!", base64.b64encode(b"\xff").decode(),
                                             base64.b64encode(cbor2.dumps(b"short")).decode(),
                                             base64.b64encode(cbor2.dumps({"a": 1})).decode(),
                                             base64.b64encode(cbor2.dumps(bytes(16) + b"\x00\x01x" + b"junk")).decode()])
def test_credential_data_without_a_usable_key_is_refused(credential_data: str) -> None:
    with pytest.raises(InvalidRequest):
        verifier.check_credential_data(credential_data)
