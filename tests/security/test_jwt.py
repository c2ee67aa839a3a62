"""JWT refusals beyond tests/v2/test_auth.py: alg none, wrong algorithm, unsigned, wrong issuer, replay after
30 s; and the same on the admin API. Every refusal carries Notify's message."""

from __future__ import annotations

import base64
import json

import jwt
import pytest

from notify.domain.constants import KeyType

from ..conftest import ADMIN_CLIENT_ID, ADMIN_SECRET
from ..v2.conftest import World, service_token

CLOCK = "Error: Your system clock must be accurate to within 30 seconds"
GENERAL = ("Invalid token: make sure your API token matches the example at "
           "https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header")


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _get(world: World, token: str, path: str = "/v2/notifications") -> tuple[int, object]:
    result = world.client().raw.simulate_get(path, headers={"Authorization": f"Bearer {token}"})
    return result.status_code, result.json


def _claims(world: World) -> dict[str, object]:
    return {"iss": str(world.service.id), "iat": int(world.clock.now().timestamp())}


def _refused(status: int, message: str) -> tuple[int, object]:
    return status, {"status_code": status, "errors": [{"error": "AuthError", "message": message}]}


def test_alg_none_is_refused(world: World) -> None:
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(world))}."
    assert _get(world, token) == _refused(403, "Invalid token: algorithm used is not HS256")


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_another_algorithm_is_refused(world: World, algorithm: str) -> None:
    token = jwt.encode(_claims(world), world.keys[KeyType.NORMAL].secret, algorithm=algorithm)
    assert _get(world, token) == _refused(403, "Invalid token: algorithm used is not HS256")


def test_an_unsigned_or_forged_token_is_refused(world: World) -> None:
    header = _b64({"alg": "HS256", "typ": "JWT"})
    assert _get(world, f"{header}.{_b64(_claims(world))}.")[0] == 403
    assert _get(world, f"{header}.{_b64(_claims(world))}.{_b64({'x': 1})}") == _refused(
        403, "Invalid token: API key not found")


def test_a_token_for_another_issuer_is_refused(world: World) -> None:
    from .. import factories

    stranger = factories.create_service(world.notify)
    token = service_token(stranger.id, world.keys[KeyType.NORMAL].secret, iat=world.clock.now().timestamp())
    assert _get(world, token) == _refused(403, "Invalid token: service has no API keys")


def test_a_token_replayed_beyond_30_seconds_is_refused(world: World) -> None:
    token = service_token(world.service.id, world.keys[KeyType.NORMAL].secret, iat=world.clock.now().timestamp())
    assert _get(world, token)[0] == 200
    world.clock.advance(seconds=20)
    assert _get(world, token)[0] == 200  # within Notify's 30 s window the same token still works
    world.clock.advance(seconds=11)
    assert _get(world, token) == _refused(403, CLOCK)


def test_a_token_from_the_future_is_refused(world: World) -> None:
    token = service_token(world.service.id, world.keys[KeyType.NORMAL].secret,
                          iat=world.clock.now().timestamp() + 3600)
    assert _get(world, token) == _refused(403, CLOCK)


def test_admin_tokens_are_refused_the_same_ways(world: World) -> None:
    now = int(world.clock.now().timestamp())
    raw = world.client().raw

    def admin_get(token: str) -> tuple[int, object]:
        result = raw.simulate_get("/service", headers={"Authorization": f"Bearer {token}"})
        return result.status_code, result.json

    assert admin_get(jwt.encode({"iss": ADMIN_CLIENT_ID, "iat": now}, ADMIN_SECRET, algorithm="HS256"))[0] == 200
    none = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64({'iss': ADMIN_CLIENT_ID, 'iat': now})}."
    for token in (none,
                  jwt.encode({"iss": ADMIN_CLIENT_ID, "iat": now}, ADMIN_SECRET, algorithm="HS512"),
                  jwt.encode({"iss": ADMIN_CLIENT_ID, "iat": now - 31}, ADMIN_SECRET, algorithm="HS256"),
                  jwt.encode({"iss": ADMIN_CLIENT_ID, "iat": now + 31}, ADMIN_SECRET, algorithm="HS256"),
                  jwt.encode({"iss": ADMIN_CLIENT_ID, "iat": now}, "wrong", algorithm="HS256")):
        status, body = admin_get(token)
        assert status in (401, 403), token
        assert body["result"] == "error" and list(body["message"]) == ["token"]  # type: ignore[index]
    status, body = admin_get(jwt.encode({"iss": "someone-else", "iat": now}, ADMIN_SECRET, algorithm="HS256"))
    assert (status, body) == (401, {"result": "error",
                                    "message": {"token": ["Unauthorized: not allowed to perform this action"]}})
