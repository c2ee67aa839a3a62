"""Notify's request tokens with PyJWT: HS256, claims iss + iat, 30 seconds of clock skew either way."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import jwt

from notify.domain.errors import AuthenticationFailed

TOKEN_SKEW_SECONDS = 30
GENERAL_TOKEN_ERROR = (
    "Invalid token: make sure your API token matches the example at "
    "https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header"
)
CLOCK_ERROR = "Error: Your system clock must be accurate to within 30 seconds"


class PyJwtTokens:
    def issuer(self, token: str) -> str:
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise AuthenticationFailed(GENERAL_TOKEN_ERROR) from None
        if not isinstance(claims, dict) or "iss" not in claims:
            raise AuthenticationFailed("Invalid token: iss field not provided")
        return str(claims["iss"])

    def verify(self, token: str, secrets: Sequence[str], now: datetime) -> int:
        try:
            algorithm = jwt.get_unverified_header(token).get("alg")
        except jwt.PyJWTError:
            raise AuthenticationFailed(GENERAL_TOKEN_ERROR) from None
        if algorithm != "HS256":
            raise AuthenticationFailed("Invalid token: algorithm used is not HS256")
        for index, secret in enumerate(secrets):
            try:
                claims = jwt.decode(
                    token, key=secret, algorithms=["HS256"], leeway=TOKEN_SKEW_SECONDS,
                    options={"require": ["iss", "iat"], "verify_iat": False},
                )
            except (jwt.InvalidSignatureError, jwt.MissingRequiredClaimError):
                continue  # as Notify: try the next key; a missing claim ends as "not found"
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
