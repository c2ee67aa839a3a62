"""Admin authentication as Notify's: Bearer JWT, HS256, iss = admin client id, iat within 30 seconds."""

from __future__ import annotations

import base64
import json

import falcon.testing
import jwt
import pytest

from ..conftest import ADMIN_CLIENT_ID, ADMIN_SECRET, admin_token
from ..fakes import FrozenClock

GENERAL = ("Invalid token: make sure your API token matches the example at "
           "https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header")


@pytest.fixture
def raw(app: falcon.App) -> falcon.testing.TestClient:
    return falcon.testing.TestClient(app)


def call(raw: falcon.testing.TestClient, authorization: str | None) -> falcon.testing.Result:
    return raw.simulate_get("/service", headers={"Authorization": authorization} if authorization else {})


def unsigned(claims: dict[str, object], alg: str = "none") -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': alg, 'typ': 'JWT'})}.{part(claims)}."


def test_a_current_token_is_accepted(raw: falcon.testing.TestClient, clock: FrozenClock) -> None:
    assert call(raw, f"Bearer {admin_token(iat=clock.now().timestamp())}").status_code == 200


def test_the_bearer_scheme_is_case_insensitive(raw: falcon.testing.TestClient, clock: FrozenClock) -> None:
    assert call(raw, f"bearer {admin_token(iat=clock.now().timestamp())}").status_code == 200


@pytest.mark.parametrize(("authorization", "status", "message"), [
    (None, 401, "Unauthorized: authentication token must be provided"),
    ("Basic dXNlcjpwYXNz", 401, "Unauthorized: authentication bearer scheme must be used"),
    ("Bearer ", 401, "Unauthorized: authentication bearer scheme must be used"),  # the header is stripped
    ("Bearer not.a.jwt", 403, GENERAL),
])
def test_missing_or_malformed_tokens_are_refused(raw: falcon.testing.TestClient, authorization: str | None,
                                                 status: int, message: str) -> None:
    result = call(raw, authorization)
    assert result.status_code == status
    assert result.json == {"result": "error", "message": {"token": [message]}}


def test_a_token_from_another_issuer_is_not_allowed(raw: falcon.testing.TestClient, clock: FrozenClock) -> None:
    result = call(raw, f"Bearer {admin_token(issuer='someone-else', iat=clock.now().timestamp())}")
    assert result.status_code == 401
    assert result.json["message"] == {"token": ["Unauthorized: not allowed to perform this action"]}


def test_a_token_signed_with_the_wrong_secret_is_refused(raw: falcon.testing.TestClient,
                                                         clock: FrozenClock) -> None:
    result = call(raw, f"Bearer {admin_token('wrong-secret-0123456789abcdef0123', iat=clock.now().timestamp())}")
    assert result.status_code == 403
    assert result.json["message"] == {"token": ["Invalid token: API key not found"]}


@pytest.mark.parametrize("skew", [-31, 31])
def test_tokens_issued_more_than_30_seconds_away_are_refused(raw: falcon.testing.TestClient, clock: FrozenClock,
                                                             skew: int) -> None:
    result = call(raw, f"Bearer {admin_token(iat=clock.now().timestamp() + skew)}")
    assert result.status_code == 403
    assert result.json["message"] == {"token": ["Error: Your system clock must be accurate to within 30 seconds"]}


@pytest.mark.parametrize("skew", [-29, 29])
def test_tokens_within_30_seconds_are_accepted(raw: falcon.testing.TestClient, clock: FrozenClock,
                                               skew: int) -> None:
    assert call(raw, f"Bearer {admin_token(iat=clock.now().timestamp() + skew)}").status_code == 200


def test_a_token_without_an_issuer_is_refused(raw: falcon.testing.TestClient, clock: FrozenClock) -> None:
    token = jwt.encode({"iat": int(clock.now().timestamp())}, ADMIN_SECRET, algorithm="HS256")
    result = call(raw, f"Bearer {token}")
    assert result.status_code == 403
    assert result.json["message"] == {"token": ["Invalid token: iss field not provided"]}


def test_a_token_without_iat_is_refused(raw: falcon.testing.TestClient) -> None:
    token = jwt.encode({"iss": ADMIN_CLIENT_ID}, ADMIN_SECRET, algorithm="HS256")
    result = call(raw, f"Bearer {token}")
    assert result.status_code == 403
    assert result.json["result"] == "error"


@pytest.mark.parametrize("alg", ["none", "HS512"])
def test_tokens_with_another_algorithm_are_refused(raw: falcon.testing.TestClient, clock: FrozenClock,
                                                   alg: str) -> None:
    claims = {"iss": ADMIN_CLIENT_ID, "iat": int(clock.now().timestamp())}
    token = unsigned(claims) if alg == "none" else jwt.encode(claims, ADMIN_SECRET, algorithm=alg)
    result = call(raw, f"Bearer {token}")
    assert result.status_code == 403
    assert result.json["message"] == {"token": ["Invalid token: algorithm used is not HS256"]}


def test_the_status_page_needs_no_token(raw: falcon.testing.TestClient) -> None:
    result = raw.simulate_get("/_status")
    assert result.status_code == 200
    assert result.json["status"] == "ok"


def test_unknown_routes_are_404_in_notify_format(raw: falcon.testing.TestClient) -> None:
    result = raw.simulate_get("/no-such-thing")
    assert result.status_code == 404
    assert result.json["result"] == "error"


def test_unsupported_methods_are_405(admin) -> None:  # type: ignore[no-untyped-def]
    result = admin.delete("/service")
    assert result.status_code == 405
    assert result.json == {"result": "error", "message": "The method is not allowed for the requested URL."}
