"""Notify's request tokens with PyJWT: HS256, claims iss + iat, 30 seconds of clock skew either way.

Every request reads the issuer first (to find the service and its key secrets) and then verifies against
those secrets. So the token is parsed once, unverified, and that parse is kept by token text (a client signs
a new token each request but `iat` has one-second resolution, so tokens also repeat across requests). The
secret is found with a plain HMAC-SHA256 over the parsed signing input (what PyJWT's HS256 does), then the
claims are checked by the rules `jwt.decode` applies with the options Notify uses (`_check_claims`). That is
one parse instead of three (plus one per extra key); tests/unit/adapters/test_jwt.py holds it to `jwt.decode`."""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
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


def _check_claims(claims: Mapping[str, Any], now: float) -> bool:
    """What `jwt.decode(..., leeway=30, options={"require": ["iss", "iat"], "verify_iat": False})` checks once
    the signature is good: False when `iss` or `iat` is missing (Notify treats that key as not matching);
    AuthenticationFailed when exp/nbf are out of range or malformed, or aud/sub/jti are set as we never ask."""
    if claims.get("iss") is None or claims.get("iat") is None:
        return False
    try:
        if "nbf" in claims and int(claims["nbf"]) > now + TOKEN_SKEW_SECONDS:
            raise AuthenticationFailed(GENERAL_TOKEN_ERROR)
        if "exp" in claims and int(claims["exp"]) <= now - TOKEN_SKEW_SECONDS:
            raise AuthenticationFailed(GENERAL_TOKEN_ERROR)
    except (ValueError, TypeError, OverflowError):
        raise AuthenticationFailed(GENERAL_TOKEN_ERROR) from None
    if claims.get("aud") or any(name in claims and not isinstance(claims[name], str) for name in ("sub", "jti")):
        raise AuthenticationFailed(GENERAL_TOKEN_ERROR)
    return True


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
            if not _signed_with(parsed, secret) or not _check_claims(parsed.claims, now.timestamp()):
                continue  # as Notify: try the next key; a missing claim ends as "not found"
            issued_at = parsed.claims.get("iat")
            if isinstance(issued_at, bool) or not isinstance(issued_at, int | float):
                raise AuthenticationFailed(CLOCK_ERROR)
            if abs(now.timestamp() - issued_at) > TOKEN_SKEW_SECONDS:
                raise AuthenticationFailed(CLOCK_ERROR)
            return index
        raise AuthenticationFailed("Invalid token: API key not found")

    def token_id(self, token: str) -> tuple[str, datetime] | None:
        claims = _parse(token).claims
        jti, issued_at = claims.get("jti"), claims.get("iat")
        if not isinstance(jti, str) or isinstance(issued_at, bool) or not isinstance(issued_at, int | float):
            return None  # verify() refused a non-string jti or a bad iat already
        # Accepted while now <= iat + skew; a second past that (iat may be fractional) the clock check refuses it.
        return jti, datetime.fromtimestamp(int(issued_at) + TOKEN_SKEW_SECONDS + 1, timezone.utc)

    def sign(self, issuer: str, secret: str, now: datetime) -> str:
        return jwt.encode({"iss": issuer, "iat": int(now.timestamp())}, secret, algorithm="HS256",
                          headers={"typ": "JWT"})
