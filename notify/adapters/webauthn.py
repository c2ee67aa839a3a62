"""WebAuthn checks with py_webauthn (the `webauthn` package). Keys are stored as Notify's admin app stores them:
`credential_data` is base64 CBOR of the attested credential data (AAGUID, id length, id, COSE public key) and
`registration_response` base64 CBOR of {clientDataJSON, attestationObject}; sign-ins are checked against that."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from webauthn import verify_authentication_response, verify_registration_response
from webauthn.helpers import (
    decode_credential_public_key,
    encode_cbor,
    parse_authentication_credential_json,
    parse_cbor,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException

from notify.domain.errors import InvalidRequest
from notify.domain.webauthn import WebauthnCredential
from notify.ports.webauthn import RegisteredKey

AAGUID_BYTES, ID_LENGTH_BYTES = 16, 2


class PyWebauthnVerifier:
    def verify_registration(self, response: str, *, challenge: bytes, origin: str, rp_id: str) -> RegisteredKey:
        try:
            credential = parse_registration_credential_json(response)
            verified = verify_registration_response(credential=credential, expected_challenge=challenge,
                                                    expected_origin=origin, expected_rp_id=rp_id)
        except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
            raise InvalidRequest(f"Registration not verified: {exc}", field="registration_response") from None
        attested = (bytes.fromhex(verified.aaguid.replace("-", ""))
                    + len(verified.credential_id).to_bytes(ID_LENGTH_BYTES, "big") + verified.credential_id
                    + verified.credential_public_key)
        return RegisteredKey(
            credential_data=_b64_cbor(attested),
            registration_response=_b64_cbor({"clientDataJSON": credential.response.client_data_json,
                                             "attestationObject": credential.response.attestation_object}))

    def verify_assertion(self, response: str, *, challenge: bytes, origin: str, rp_id: str,
                         credentials: Sequence[WebauthnCredential]) -> WebauthnCredential:
        try:
            assertion = parse_authentication_credential_json(response)
        except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
            raise InvalidRequest(f"Sign-in not verified: {exc}", field="credential") from None
        for stored in credentials:
            credential_id, public_key = _read(stored.credential_data)
            if credential_id != assertion.raw_id:
                continue
            try:
                # Notify keeps no signature counter: 0 accepts any count the authenticator reports.
                verify_authentication_response(credential=assertion, expected_challenge=challenge,
                                               expected_origin=origin, expected_rp_id=rp_id,
                                               credential_public_key=public_key, credential_current_sign_count=0)
            except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
                raise InvalidRequest(f"Sign-in not verified: {exc}", field="credential") from None
            return stored
        raise InvalidRequest("Sign-in not verified: not one of the user's security keys", field="credential")

    def check_credential_data(self, credential_data: str) -> None:
        _read(credential_data)


def _b64_cbor(value: object) -> str:
    return base64.b64encode(encode_cbor(value)).decode()


def _read(credential_data: str) -> tuple[bytes, bytes]:
    """The credential id and COSE public key in stored credential data; InvalidRequest when it holds none."""
    try:
        attested = parse_cbor(base64.b64decode(credential_data, validate=True))
        if not isinstance(attested, bytes):
            raise ValueError("not a byte string")
        start = AAGUID_BYTES + ID_LENGTH_BYTES
        length = int.from_bytes(attested[AAGUID_BYTES:start], "big")
        credential_id, public_key = attested[start:start + length], attested[start + length:]
        if not credential_id or len(credential_id) != length:
            raise ValueError("truncated credential id")
        decode_credential_public_key(public_key)
    except (WebAuthnException, ValueError, KeyError, TypeError, IndexError, binascii.Error):
        raise InvalidRequest("credential_data is not a WebAuthn credential", field="credential_data") from None
    return credential_id, public_key
