"""Encryption at rest: AES-256-GCM (authenticated) under one or more keys, so keys can be rotated.

The first key encrypts; every key is tried in turn to decrypt, and GCM's tag tells a wrong key at once.
Keys are given as text (NOTIFY_SECRET_KEY, comma-separated) and stretched to 256 bits with SHA-256, so a
passphrase and a generated key are both fine. A value no key can open raises StoredDataUnreadable: never
silent garbage. Stored form: "g1." + base64 of (12-byte nonce | ciphertext | 16-byte tag).
"""

from __future__ import annotations

import binascii
import hashlib
import json
import secrets
from collections.abc import Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from notify.domain.errors import StoredDataUnreadable

from ..random_bytes import RandomBytes

PREFIX = "g1."
PREFIX_LENGTH = len(PREFIX)
NONCE_BYTES = 12
UNREADABLE = ("stored {what} cannot be decrypted with the configured NOTIFY_SECRET_KEY "
              "(wrong key, or the key that wrote it was removed)")


def generate_key() -> str:
    return secrets.token_urlsafe(32)


def _aes_key(text: str) -> bytes:
    return hashlib.sha256(text.strip().encode("utf-8")).digest()


class Cipher:
    """Encrypts text and JSON values for the SQL store."""

    def __init__(self, keys: Sequence[str]) -> None:
        usable = [k for k in keys if k and k.strip()]
        if not usable:
            raise ValueError("at least one secret key is needed")
        self._keys = [AESGCM(_aes_key(k)) for k in usable]
        self._nonces = RandomBytes(NONCE_BYTES)

    def encrypt_bytes(self, plaintext: bytes) -> str:
        nonce = self._nonces.take()
        sealed = self._keys[0].encrypt(nonce, plaintext, None)
        return PREFIX + binascii.b2a_base64(nonce + sealed, newline=False).decode("ascii")

    def decrypt_bytes(self, token: str, what: str = "secret") -> bytes:
        try:
            if not token.startswith(PREFIX):
                raise ValueError("not a token of ours")
            raw = binascii.a2b_base64(token[PREFIX_LENGTH:], strict_mode=True)
        except (ValueError, binascii.Error, TypeError):
            raise StoredDataUnreadable(UNREADABLE.format(what=what)) from None
        nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        for key in self._keys:
            try:
                return key.decrypt(nonce, sealed, None)
            except InvalidTag:
                continue
        raise StoredDataUnreadable(UNREADABLE.format(what=what))

    def encrypt(self, plaintext: str) -> str:
        return self.encrypt_bytes(plaintext.encode("utf-8"))

    def decrypt(self, token: str, what: str = "secret") -> str:
        return self.decrypt_bytes(token, what).decode("utf-8")

    def encrypt_json(self, value: Any) -> str:
        return self.encrypt_bytes(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))

    def decrypt_json(self, token: str, what: str = "data") -> Any:
        return json.loads(self.decrypt_bytes(token, what).decode("utf-8"))
