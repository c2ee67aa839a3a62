"""Notify's request tokens with PyJWT: HS256, claims iss + iat, 30 seconds of clock skew either way.

Every request reads the issuer first (to find the service and its key secrets) and then verifies against
those secrets. So the token is parsed once, unverified, and that parse is kept by token text (a client signs
a new token each request but `iat` has one-second resolution, so tokens also repeat across requests). The
secret is found with a plain HMAC-SHA256 over the parsed signing input (what PyJWT's HS256 does), and only
the matching secret goes through `jwt.decode`, so its claim rules (required claims, exp/nbf, aud...) apply
exactly as before."""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import jwt
from attrs import frozen

from notify.domain.errors import AuthenticationFailed

TOKEN_SKEW_SECONDS = 30
GENERAL_TOKEN_ERROR = (
    "Invalid token: make sure your API token matches the example at "
    "https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header"
)
CLOCK_ERROR = "Error: Your system clock must be accurate to within 30 seconds"
_PARSER = jwt.PyJWT()


@frozen
class _Parsed:
    """A token's parts as PyJWT read them, not yet trusted."""

    header: Mapping[str, Any]
    claims: Mapping[str, Any]
    signing_input: bytes
    signature: bytes


@functools.lru_cache(maxsize=1024)
def _parse(token: str) -> _Parsed:
    """Parse without verifying (PyJWT checks the shape: three segments, JSON header and object payload)."""
    try:
        decoded = _PARSER.decode_complete(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise AuthenticationFailed(GENERAL_TOKEN_ERROR) from None
    return _Parsed(header=decoded["header"], claims=decoded["payload"],
                   signing_input=token.encode().rsplit(b".", 1)[0], signature=decoded["signature"])


def _signed_with(parsed: _Parsed, secret: str) -> bool:
    expected = hmac.new(secret.encode(), parsed.signing_input, hashlib.sha256).digest()
    return hmac.compare_digest(expected, parsed.signature)


class PyJwtTokens:
    def issuer(self, token: str) -> str:
        claims = _parse(token).claims
        if "iss" not in claims:
            raise AuthenticationFailed("Invalid token: iss field not provided")
        return str(claims["iss"])

    def verify(self, token: str, secrets: Sequence[str], now: datetime) -> int:
        parsed = _parse(token)
        if parsed.header.get("alg") != "HS256":
            raise AuthenticationFailed("Invalid token: algorithm used is not HS256")
        for index, secret in enumerate(secrets):
            if not _signed_with(parsed, secret):
                continue  # as Notify: try the next key
            try:
                claims = jwt.decode(
                    token, key=secret, algorithms=["HS256"], leeway=TOKEN_SKEW_SECONDS,
                    options={"require": ["iss", "iat"], "verify_iat": False},
                )
            except (jwt.InvalidSignatureError, jwt.MissingRequiredClaimError):
                continue  # a missing claim ends as "not found", as Notify
            except jwt.PyJWTError:
                raise AuthenticationFailed(GENERAL_TOKEN_ERROR) from None
            issued_at = claims.get("iat")
            if isinstance(issued_at, bool) or not isinstance(issued_at, int | float):
                raise AuthenticationFailed(CLOCK_ERROR)
            if abs(now.timestamp() - issued_at) > TOKEN_SKEW_SECONDS:
                raise AuthenticationFailed(CLOCK_ERROR)
            return index
        raise AuthenticationFailed("Invalid token: API key not found")

    def sign(self, issuer: str, secret: str, now: datetime) -> str:
        return jwt.encode({"iss": issuer, "iat": int(now.timestamp())}, secret, algorithm="HS256",
                          headers={"typ": "JWT"})
