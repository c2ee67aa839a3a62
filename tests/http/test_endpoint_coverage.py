"""Every endpoint of GOV.UK Notify's API (tests/data/notify-endpoints.tsv) is routed here with the same method
and path shape, or is listed in NOT_YET_ROUTED. Routing an endpoint means removing it from that set; the test
also fails when a listed endpoint is routed, so the set only shrinks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from uuid import UUID

import falcon

from notify.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from notify.entrypoints.http import create_app
from notify.testing import build_test_core

from ..fakes import FrozenClock

ENDPOINTS = Path(__file__).parent.parent / "data" / "notify-endpoints.tsv"
FLASK_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
SAMPLE_BY_CONVERTER = {"uuid": str(UUID(int=1)), "int": "1"}

# Not routed yet: every one of Notify's endpoints is routed now, so nothing may be listed here again.
NOT_YET_ROUTED: set[tuple[str, str]] = set()


def notify_endpoints() -> list[tuple[str, str]]:
    rows = (line.rstrip("\n").split("\t") for line in ENDPOINTS.read_text().splitlines()
            if line and not line.startswith("#"))
    return [(row[0], row[1]) for row in rows if row[0] != "method"]


def _shape(template: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", template)


def is_routed(app: falcon.App, method: str, flask_path: str) -> bool:
    """The path, with a sample value for each parameter, reaches a route of the same shape (a literal segment
    such as /job/scheduled-job-stats must not be taken by /job/{job_id}) with a responder for the method."""
    flask_path = flask_path.rstrip("/") or "/"  # the app strips a trailing slash before routing
    concrete = FLASK_PARAM.sub(lambda m: SAMPLE_BY_CONVERTER.get(m.group(1) or "", "x1"), flask_path)
    found: Any = app._router.find(concrete)
    if found is None:
        return False
    resource, methods, _params, template = found
    responder = methods.get(method)
    # falcon fills unsupported methods with its own 405 responders; ours are the resource's bound methods
    return _shape(template) == FLASK_PARAM.sub("{}", flask_path) and getattr(responder, "__self__", None) is resource


def routed_app() -> falcon.App:
    store = InMemoryStore()
    return create_app(build_test_core(FrozenClock(), uow=lambda: InMemoryUnitOfWork(store)))


def test_the_reference_lists_notifys_endpoints() -> None:
    endpoints = notify_endpoints()
    assert len(endpoints) == 237 and len(set(endpoints)) == 237


def test_every_notify_endpoint_is_routed_or_listed_as_not_yet() -> None:
    app = routed_app()
    endpoints = set(notify_endpoints())
    missing = {e for e in endpoints if not is_routed(app, *e)}
    unlisted = sorted(missing - NOT_YET_ROUTED)
    assert not unlisted, "Notify endpoints not routed (route them, or add them to NOT_YET_ROUTED):\n" + \
        "\n".join(f"{m} {p}" for m, p in unlisted)
    now_routed = sorted(NOT_YET_ROUTED - missing)
    assert not now_routed, "routed now: remove from NOT_YET_ROUTED:\n" + "\n".join(f"{m} {p}" for m, p in now_routed)
    assert NOT_YET_ROUTED <= endpoints, "NOT_YET_ROUTED names endpoints Notify does not have"


def test_the_check_tells_a_literal_segment_from_a_parameter() -> None:
    app = routed_app()
    assert is_routed(app, "GET", "/service/<uuid:service_id>/job/<job_id>")
    assert not is_routed(app, "GET", "/service/<uuid:service_id>/api-keys/not-a-key-id")
    assert not is_routed(app, "DELETE", "/service/<uuid:service_id>/job/<job_id>")
