"""5xx bodies name nothing inside (database URLs, hosts, drivers, exception classes): the detail is logged under
an error id and the body carries that id, in both APIs' error shapes."""

from __future__ import annotations

import json
import logging
from uuid import uuid4

import falcon.testing
import jwt
import pytest

from notify.adapters.jwt import PyJwtTokens
from notify.adapters.system import Uuid4Generator
from notify.domain.errors import StoreUnavailable
from notify.entrypoints.http import create_app
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases.app import Notify

from ..conftest import ADMIN_CLIENT_ID, ADMIN_SECRET, admin_token
from ..fakes import FrozenClock, fast_password_hasher

INTERNALS = "postgresql+psycopg://notify@db.internal:5432/notify"


class ExplodingStore(Exception):
    """Stands in for a driver's exception escaping to the HTTP layer."""


def client_over(failure: Exception) -> falcon.testing.TestClient:
    def uow() -> UnitOfWork:
        raise failure

    ids = Uuid4Generator()
    notify = Notify(uow=uow, clock=FrozenClock(), ids=ids, secrets=ids, passwords=fast_password_hasher(),
                    tokens=PyJwtTokens(), admin_client_id=ADMIN_CLIENT_ID, admin_client_secrets=(ADMIN_SECRET,))
    return falcon.testing.TestClient(create_app(notify))


def service_token() -> str:
    return jwt.encode({"iss": str(uuid4()), "iat": int(FrozenClock().now().timestamp())}, "x" * 36,
                      algorithm="HS256")


def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {admin_token(iat=FrozenClock().now().timestamp())}"}


@pytest.mark.parametrize("failure, status", [
    (StoreUnavailable(f"the database at {INTERNALS} is unavailable: server closed the connection"), 503),
    (ExplodingStore(f"could not connect to {INTERNALS}"), 500),
])
def test_a_server_error_body_names_no_internals_and_gives_the_logged_error_id(
        failure: Exception, status: int, caplog: pytest.LogCaptureFixture) -> None:
    client = client_over(failure)
    caplog.set_level(logging.ERROR, logger="notify.http")
    public = client.simulate_get("/v2/notifications", headers={"Authorization": f"Bearer {service_token()}"})
    admin = client.simulate_get("/service", headers=admin_headers())

    assert public.status_code == status and admin.status_code == status
    label = "ServiceUnavailableError" if status == 503 else "InternalServerError"
    assert public.json["status_code"] == status
    assert [e["error"] for e in public.json["errors"]] == [label]
    assert admin.json["result"] == "error"
    for result in (public, admin):
        text = json.dumps(result.json)
        for secret in ("postgresql", "db.internal", "5432", "ExplodingStore", "StoreUnavailable", "psycopg"):
            assert secret not in text, text
        error_id = result.json["error_id"]
        assert error_id in text.replace(f'"error_id": "{error_id}"', "")  # also in the message a client shows
        logged = [r.getMessage() for r in caplog.records if error_id in r.getMessage()]
        assert len(logged) == 1 and INTERNALS in logged[0], logged
    assert public.json["error_id"] != admin.json["error_id"]
    if status == 503:
        assert public.headers["Retry-After"] == admin.headers["Retry-After"] == "1"


def test_an_unreachable_status_check_says_unavailable_without_the_url() -> None:
    result = client_over(StoreUnavailable(f"cannot reach the database at {INTERNALS}: timeout")).simulate_get(
        "/_status")
    assert result.status_code == 503
    assert result.json["message"].startswith("Service temporarily unavailable")
    assert "db.internal" not in result.text
