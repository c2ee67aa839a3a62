"""Signed Falcon test clients for the HTTP API: as Notify's admin app signs (client id + shared secret) and as
the official clients sign (service id + API key secret). Tokens are issued at the app's clock's time, so a
frozen clock never makes them stale. Imports Falcon: loaded only when an HTTP fixture or name is used."""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

import falcon
import falcon.testing
import jwt

from notify.domain.api_key import ApiKey
from notify.ports.system import Clock

from .platform import ADMIN_CLIENT_ID, ADMIN_SECRET


def admin_token(secret: str = ADMIN_SECRET, *, issuer: str = ADMIN_CLIENT_ID, iat: float | None = None) -> str:
    return jwt.encode({"iss": issuer, "iat": int(time.time() if iat is None else iat)}, secret, algorithm="HS256")


def service_token(service_id: UUID | str, secret: str, *, iat: float | None = None) -> str:
    return jwt.encode({"iss": str(service_id), "iat": int(time.time() if iat is None else iat)}, secret,
                      algorithm="HS256")


class SignedClient:
    """falcon.testing with a fresh bearer token on every call; `raw` sends unsigned requests."""

    def __init__(self, app: falcon.App[Any, Any], clock: Clock) -> None:
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

    def __init__(self, app: falcon.App[Any, Any], clock: Clock, *, client_id: str = ADMIN_CLIENT_ID,
                 secret: str = ADMIN_SECRET) -> None:
        super().__init__(app, clock)
        self._client_id, self._secret = client_id, secret

    def token(self) -> str:
        return admin_token(self._secret, issuer=self._client_id, iat=self._clock.now().timestamp())


class ApiClient(SignedClient):
    """Signed as the official clients sign, with one service API key."""

    def __init__(self, app: falcon.App[Any, Any], clock: Clock, key: ApiKey) -> None:
        super().__init__(app, clock)
        self.key = key

    def token(self) -> str:
        return service_token(self.key.service_id, self.key.secret, iat=self._clock.now().timestamp())


class HttpClients:
    """The HTTP API of one platform: `admin` signs as the admin app, `api(key)` as a service's key."""

    def __init__(self, app: falcon.App[Any, Any], clock: Clock, *, admin_client_id: str = ADMIN_CLIENT_ID,
                 admin_secret: str = ADMIN_SECRET) -> None:
        self.app = app
        self._clock = clock
        self.admin = AdminClient(app, clock, client_id=admin_client_id, secret=admin_secret)

    def api(self, key: ApiKey) -> ApiClient:
        return ApiClient(self.app, self._clock, key)
