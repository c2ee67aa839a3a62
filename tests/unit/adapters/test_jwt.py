"""The token adapter parses once and checks claims itself: it must answer exactly as verifying with
`jwt.decode` for every secret (the straightforward implementation, kept here as the reference) does."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

import jwt
import pytest

from notify.adapters.jwt import CLOCK_ERROR, GENERAL_TOKEN_ERROR, TOKEN_SKEW_SECONDS, PyJwtTokens
from notify.domain.errors import AuthenticationFailed

SECRET, OTHER = "3d2c8a5e-0000-4000-8000-000000000001", "3d2c8a5e-0000-4000-8000-000000000002"
ISS = "6f1b7c1e-0000-4000-8000-000000000003"


def reference_verify(token: str, secrets: Sequence[str], now: datetime) -> int:
    """verify() as first written: PyJWT decodes the token once per secret tried."""
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
    except jwt.PyJWTError:
        raise AuthenticationFailed(GENERAL_TOKEN_ERROR) from None
    if algorithm != "HS256":
        raise AuthenticationFailed("Invalid token: algorithm used is not HS256")
    for index, secret in enumerate(secrets):
        try:
            claims = jwt.decode(token, key=secret, algorithms=["HS256"], leeway=TOKEN_SKEW_SECONDS,
                                options={"require": ["iss", "iat"], "verify_iat": False})
        except (jwt.InvalidSignatureError, jwt.MissingRequiredClaimError):
            continue
        except jwt.PyJWTError:
            raise AuthenticationFailed(GENERAL_TOKEN_ERROR) from None
        issued_at = claims.get("iat")
        if isinstance(issued_at, bool) or not isinstance(issued_at, int | float):
            raise AuthenticationFailed(CLOCK_ERROR)
        if abs(now.timestamp() - issued_at) > TOKEN_SKEW_SECONDS:
            raise AuthenticationFailed(CLOCK_ERROR)
        return index
    raise AuthenticationFailed("Invalid token: API key not found")


def outcome(verify: Callable[[], int]) -> Any:
    try:
        return verify()
    except AuthenticationFailed as exc:
        return exc.message


def token(claims: dict[str, Any], secret: str = SECRET, **kwargs: Any) -> str:
    return jwt.encode(claims, secret, algorithm=kwargs.pop("algorithm", "HS256"), **kwargs)


def hand_signed(claims: dict[str, Any], secret: str = SECRET) -> str:
    """HS256 by hand, for claims PyJWT refuses to encode (e.g. a null `iss`)."""
    def part(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")
    signing_input = part(b'{"alg":"HS256","typ":"JWT"}') + b"." + part(json.dumps(claims).encode())
    return (signing_input + b"." + part(hmac.new(secret.encode(), signing_input, hashlib.sha256).digest())).decode()


def make_tokens(at: int) -> dict[str, str]:
    """Built when a test runs: the reference checks exp/nbf against the real clock, so tokens made at
    collection time would drift from it in a long suite."""
    return {
        "good": token({"iss": ISS, "iat": at}),
        "other key": token({"iss": ISS, "iat": at}, OTHER),
        "unknown key": token({"iss": ISS, "iat": at}, "nobody's secret, long enough for HS256 key"),
        "float iat": token({"iss": ISS, "iat": at + 0.5}),
        "old iat": token({"iss": ISS, "iat": at - 31}),
        "future iat": token({"iss": ISS, "iat": at + 31}),
        "string iat": token({"iss": ISS, "iat": str(at)}),
        "bool iat": token({"iss": ISS, "iat": True}),
        "no iat": token({"iss": ISS}),
        "null iat": token({"iss": ISS, "iat": None}),
        "null iss": hand_signed({"iss": None, "iat": at}),
        "int iss": hand_signed({"iss": 5, "iat": at}),
        "hand signed": hand_signed({"iss": ISS, "iat": at}),
        "expired": token({"iss": ISS, "iat": at, "exp": at - 60}),
        "expired within leeway": token({"iss": ISS, "iat": at, "exp": at - 10}),
        "not yet valid": token({"iss": ISS, "iat": at, "nbf": at + 60}),
        "nbf within leeway": token({"iss": ISS, "iat": at, "nbf": at + 10}),
        "bad exp": token({"iss": ISS, "iat": at, "exp": "soon"}),
        "list nbf": token({"iss": ISS, "iat": at, "nbf": [1]}),
        "audience": token({"iss": ISS, "iat": at, "aud": "someone"}),
        "empty audience": token({"iss": ISS, "iat": at, "aud": ""}),
        "int subject": token({"iss": ISS, "iat": at, "sub": 1}),
        "string subject": token({"iss": ISS, "iat": at, "sub": "x"}),
        "int jti": token({"iss": ISS, "iat": at, "jti": 1}),
        "HS512": token({"iss": ISS, "iat": at}, algorithm="HS512"),
        "extra header": token({"iss": ISS, "iat": at}, headers={"typ": "JWT", "kid": "k"}),
        "tampered payload": ".".join([token({"iss": ISS, "iat": at}).split(".")[0],
                                      token({"iss": ISS, "iat": at + 1}).split(".")[1],
                                      token({"iss": ISS, "iat": at}).split(".")[2]]),
    }


NOW = int(time.time())
TOKENS = make_tokens(NOW)


@pytest.mark.parametrize("name", TOKENS)
@pytest.mark.parametrize("secrets", [[SECRET], [OTHER, SECRET], [OTHER]])
def test_verify_answers_as_jwt_decode_does(name: str, secrets: list[str]) -> None:
    issued = int(time.time())
    now = datetime.fromtimestamp(issued, timezone.utc)
    value = make_tokens(issued)[name]
    assert outcome(lambda: PyJwtTokens().verify(value, secrets, now)) == \
        outcome(lambda: reference_verify(value, secrets, now))


@pytest.mark.parametrize("value", ["not-a-jwt", "a.b.c", "", token({"iss": ISS, "iat": NOW})[:-3] + "!!!"])
def test_malformed_tokens_have_no_issuer(value: str) -> None:
    with pytest.raises(AuthenticationFailed, match="Invalid token: make sure"):
        PyJwtTokens().issuer(value)


def test_the_issuer_is_read_without_verification() -> None:
    assert PyJwtTokens().issuer(TOKENS["unknown key"]) == ISS
    with pytest.raises(AuthenticationFailed, match="iss field not provided"):
        PyJwtTokens().issuer(token({"iat": NOW}))
