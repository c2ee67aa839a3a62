"""Shared fixtures: a `Notify` on the in-memory store with a frozen clock, its Falcon app, and an admin
client that signs every request as Notify's admin app does."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import falcon.testing
import jwt
import pytest

from notify.adapters.jwt import PyJwtTokens
from notify.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from notify.adapters.system import Uuid4Generator
from notify.entrypoints.http import create_app
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases.app import Notify

from .fakes import FrozenClock, fast_password_hasher

ADMIN_CLIENT_ID = "notify-admin"
ADMIN_SECRET = "admin-secret-for-tests-" + "0123456789abcdef" * 3


def admin_token(secret: str = ADMIN_SECRET, *, issuer: str = ADMIN_CLIENT_ID, iat: float | None = None) -> str:
    return jwt.encode({"iss": issuer, "iat": int(time.time() if iat is None else iat)}, secret, algorithm="HS256")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def new_uow(request: pytest.FixtureRequest) -> Callable[[], UnitOfWork]:
    """The store the app runs on: in memory, unless a directory parametrises this fixture (tests/http/ runs on
    memory and PostgreSQL: one engine per session, emptied before each test); storage tests override it."""
    store = getattr(request, "param", "memory")
    if store == "memory":
        memory = InMemoryStore()
        return lambda: InMemoryUnitOfWork(memory)
    from .storage import new_uow_factory

    return new_uow_factory(store)


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    ids = Uuid4Generator()
    return Notify(uow=new_uow, clock=clock, ids=ids, secrets=ids, passwords=fast_password_hasher(),
                  tokens=PyJwtTokens(), admin_client_id=ADMIN_CLIENT_ID, admin_client_secrets=(ADMIN_SECRET,))


class SignedClient:
    """falcon.testing with a fresh bearer token on every call, issued at the app's (frozen) time."""

    def __init__(self, app: falcon.App, clock: FrozenClock) -> None:
        self.raw = falcon.testing.TestClient(app)
        self._clock = clock

    def token(self) -> str:
        raise NotImplementedError

    def _call(self, method: str, path: str, **kwargs: Any) -> falcon.testing.Result:
        headers = {"Authorization": f"Bearer {self.token()}", **kwargs.pop("headers", {})}
        return self.raw.simulate_request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> falcon.testing.Result:
        return self._call("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> falcon.testing.Result:
        return self._call("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> falcon.testing.Result:
        return self._call("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> falcon.testing.Result:
        return self._call("DELETE", path, **kwargs)


class AdminClient(SignedClient):
    """Signed as Notify's admin app signs."""

    def token(self) -> str:
        return admin_token(iat=self._clock.now().timestamp())


@pytest.fixture
def app(notify: Notify) -> falcon.App:
    return create_app(notify)


@pytest.fixture
def admin(app: falcon.App, clock: FrozenClock) -> AdminClient:
    return AdminClient(app, clock)
