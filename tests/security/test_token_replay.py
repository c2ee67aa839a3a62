"""Replayed tokens: a token carrying an id (`jti`) is accepted once; a copy sent again within its 30 s is refused
with Notify's AuthError shape, on both APIs. Tokens without a `jti` (Notify's clients send none) are not
checked. Across processes the store decides (tests/contract/test_used_tokens.py)."""

from __future__ import annotations

from uuid import uuid4

import attrs
import falcon.testing
import jwt
import pytest

from notify.adapters.memory.used_tokens import InMemoryUsedTokens
from notify.bootstrap import build_notify, open_stores
from notify.config import Settings
from notify.domain.constants import KeyType
from notify.entrypoints.http import create_app

from ..conftest import ADMIN_CLIENT_ID, ADMIN_SECRET
from ..v2.conftest import World

REPLAYED = "Invalid token: this token has already been used"


@pytest.fixture
def guarded(world: World) -> tuple[World, falcon.testing.TestClient]:
    notify = attrs.evolve(world.notify, used_tokens=InMemoryUsedTokens())
    return world, falcon.testing.TestClient(create_app(notify))


def _service_token(world: World, **claims: object) -> str:
    key = world.keys[KeyType.NORMAL]
    return jwt.encode({"iss": str(world.service.id), "iat": int(world.clock.now().timestamp()), **claims},
                      key.secret, algorithm="HS256")


def _admin_token(world: World, **claims: object) -> str:
    return jwt.encode({"iss": ADMIN_CLIENT_ID, "iat": int(world.clock.now().timestamp()), **claims}, ADMIN_SECRET,
                      algorithm="HS256")


def _get(client: falcon.testing.TestClient, path: str, token: str) -> falcon.testing.Result:
    return client.simulate_get(path, headers={"Authorization": f"Bearer {token}"})


def test_a_token_with_an_id_is_refused_the_second_time(guarded: tuple[World, falcon.testing.TestClient]) -> None:
    world, client = guarded
    token = _service_token(world, jti=str(uuid4()))
    assert _get(client, "/v2/notifications", token).status_code == 200
    again = _get(client, "/v2/notifications", token)
    assert (again.status_code, again.json) == (403, {"status_code": 403, "errors": [
        {"error": "AuthError", "message": REPLAYED}]})
    assert _get(client, "/v2/notifications", _service_token(world, jti=str(uuid4()))).status_code == 200


def test_the_same_id_from_another_service_is_not_a_replay(guarded: tuple[World, falcon.testing.TestClient]) -> None:
    world, client = guarded
    jti = str(uuid4())
    assert _get(client, "/v2/notifications", _service_token(world, jti=jti)).status_code == 200
    assert _get(client, "/service", _admin_token(world, jti=jti)).status_code == 200


def test_tokens_without_an_id_keep_working(guarded: tuple[World, falcon.testing.TestClient]) -> None:
    world, client = guarded
    token = _service_token(world)
    assert [_get(client, "/v2/notifications", token).status_code for _ in range(3)] == [200, 200, 200]


def test_an_admin_token_with_an_id_is_refused_the_second_time(
        guarded: tuple[World, falcon.testing.TestClient]) -> None:
    world, client = guarded
    token = _admin_token(world, jti="admin-request-1")
    assert _get(client, "/service", token).status_code == 200
    again = _get(client, "/service", token)
    assert (again.status_code, again.json) == (403, {"result": "error", "message": {"token": [REPLAYED]}})


def test_a_refused_token_is_not_recorded(guarded: tuple[World, falcon.testing.TestClient]) -> None:
    world, client = guarded
    jti = str(uuid4())
    forged = jwt.encode({"iss": str(world.service.id), "iat": int(world.clock.now().timestamp()), "jti": jti},
                        "not the key", algorithm="HS256")
    assert _get(client, "/v2/notifications", forged).status_code == 403
    assert _get(client, "/v2/notifications", _service_token(world, jti=jti)).status_code == 200


def test_without_the_check_a_replay_is_accepted(world: World) -> None:
    token = _service_token(world, jti=str(uuid4()))
    assert world.notify.used_tokens is None
    assert [_get(falcon.testing.TestClient(world.app), "/v2/notifications", token).status_code
            for _ in range(2)] == [200, 200]


def test_the_check_is_off_by_default_and_can_be_turned_on() -> None:
    off = Settings.from_env({"NOTIFY_DATABASE_URL": "memory"})
    on = Settings.from_env({"NOTIFY_DATABASE_URL": "memory", "NOTIFY_TOKEN_REPLAY_CHECK": "true"})
    assert build_notify(on, open_stores(on)).used_tokens is not None
    assert build_notify(off, open_stores(off)).used_tokens is None
