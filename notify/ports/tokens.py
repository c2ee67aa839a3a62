"""Request tokens (JWT in the adapter): read the issuer unverified, then verify against candidate secrets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


class TokenVerifier(Protocol):
    def issuer(self, token: str) -> str:
        """The `iss` claim, read without verification. Raises AuthenticationFailed (Notify's messages)."""
        ...

    def verify(self, token: str, secrets: Sequence[str], now: datetime) -> int:
        """Index of the secret that signed `token`, checking HS256 and the 30 s iat window.
        Raises AuthenticationFailed with Notify's messages; "API key not found" when none match."""
        ...

    def token_id(self, token: str) -> tuple[str, datetime] | None:
        """For a token `verify` accepted: its id (JWT `jti`) and the last instant it is accepted, or None when it
        carries no id (Notify's own clients send none)."""
        ...


class TokenSigner(Protocol):
    def sign(self, issuer: str, secret: str, now: datetime) -> str: ...
