"""A shared-token check for provider callbacks (the fake providers; any provider that can send a fixed header).
The callback carries `Authorization: Bearer <token>`; several tokens may be current, so one can be rotated."""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from notify.domain.errors import AuthenticationFailed, MissingCredentials
from notify.ports.provider_callbacks import ProviderCallback


class SharedTokenVerifier:
    def __init__(self, tokens: Sequence[str]) -> None:
        self._tokens = tuple(t.encode() for t in tokens if t)

    def verify(self, request: ProviderCallback) -> None:
        header = request.headers.get("authorization", "")
        if header[:7].lower() != "bearer " or not header[7:].strip():
            raise MissingCredentials("Unauthorized: a provider callback must carry its token")
        given = header[7:].strip().encode()
        # Compare with every token, never stopping early, so timing says nothing about which one came close.
        matched = [hmac.compare_digest(given, token) for token in self._tokens]
        if not any(matched):
            raise AuthenticationFailed("Invalid token: not this provider's callback token")
