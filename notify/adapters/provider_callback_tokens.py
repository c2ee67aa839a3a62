"""A shared-token check for provider callbacks (the fake providers; any provider that can send a fixed header).
The callback carries `Authorization: Bearer <token>`, or HTTP basic auth with the token as its password (how
MMG and Firetext authenticate to Notify); several tokens may be current, so one can be rotated."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Sequence

from notify.domain.errors import AuthenticationFailed, MissingCredentials
from notify.ports.provider_callbacks import ProviderCallback


class SharedTokenVerifier:
    def __init__(self, tokens: Sequence[str]) -> None:
        self._tokens = tuple(t.encode() for t in tokens if t)

    def verify(self, request: ProviderCallback) -> None:
        given = _presented(request.headers.get("authorization", ""))
        if not given:
            raise MissingCredentials("Unauthorized: a provider callback must carry its token")
        # Compare with every token, never stopping early, so timing says nothing about which one came close.
        matched = [hmac.compare_digest(given, token) for token in self._tokens]
        if not any(matched):
            raise AuthenticationFailed("Invalid token: not this provider's callback token")


def _presented(header: str) -> bytes:
    """The token a bearer header carries, or a basic auth header's password; empty when there is none."""
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() == "bearer":
        return value.strip().encode()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError):
            return b""
        return decoded.partition(b":")[2]
    return b""
