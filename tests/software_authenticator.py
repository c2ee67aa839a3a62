"""A software security key for tests: makes WebAuthn registration and sign-in responses as a browser hands them
over (PublicKeyCredential JSON, base64url fields), signing with an EC P-256 key of its own."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

ORIGIN, RP_ID = "https://admin.notify.example", "admin.notify.example"
FLAGS_UP, FLAGS_UV, FLAGS_AT = 0x01, 0x04, 0x40


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class SoftwareAuthenticator:
    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.aaguid = os.urandom(16)
        self.sign_count = 0

    def cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def _client_data(self, kind: str, challenge: bytes, origin: str) -> bytes:
        return json.dumps({"type": kind, "challenge": b64url(challenge), "origin": origin,
                           "crossOrigin": False}).encode()

    def register(self, challenge: bytes, *, origin: str = ORIGIN, rp_id: str = RP_ID) -> str:
        attested = self.aaguid + struct.pack(">H", len(self.credential_id)) + self.credential_id + self.cose_key()
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([FLAGS_UP | FLAGS_UV | FLAGS_AT]) + \
            struct.pack(">I", self.sign_count) + attested
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return self._credential({"clientDataJSON": b64url(self._client_data("webauthn.create", challenge, origin)),
                                 "attestationObject": b64url(attestation), "transports": ["usb"]})

    def sign_in(self, challenge: bytes, *, origin: str = ORIGIN, rp_id: str = RP_ID) -> str:
        self.sign_count += 1
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([FLAGS_UP | FLAGS_UV]) + \
            struct.pack(">I", self.sign_count)
        client_data = self._client_data("webauthn.get", challenge, origin)
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return self._credential({"clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                                 "signature": b64url(signature), "userHandle": None})

    def _credential(self, response: dict[str, Any]) -> str:
        return json.dumps({"id": b64url(self.credential_id), "rawId": b64url(self.credential_id),
                           "type": "public-key", "response": response, "clientExtensionResults": {},
                           "authenticatorAttachment": "cross-platform"})
