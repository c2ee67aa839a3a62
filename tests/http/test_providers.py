"""Admin provider-details endpoints: list, get, change priority/active with history."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.usecases.app import Notify
from notify.usecases.providers import DEFAULT_PROVIDERS, ensure_default_providers

from ..conftest import AdminClient

UNKNOWN_ID = str(uuid4())


@pytest.fixture
def providers(notify: Notify, admin: AdminClient) -> list[dict[str, Any]]:
    ensure_default_providers(notify)
    return admin.get("/provider-details").json["provider_details"]


def by_identifier(providers: list[dict[str, Any]], identifier: str) -> dict[str, Any]:
    return next(p for p in providers if p["identifier"] == identifier)


def message(result: Any) -> Any:
    assert result.json["result"] == "error", result.json
    return result.json["message"]


def test_default_providers_are_seeded_once(notify: Notify, providers: list[dict[str, Any]]) -> None:
    assert sorted(p["identifier"] for p in providers) == sorted(s.identifier for s in DEFAULT_PROVIDERS)
    assert all(p["active"] for p in providers)
    assert len(ensure_default_providers(notify)) == len(DEFAULT_PROVIDERS)


def test_seeding_follows_the_registered_adapters(notify: Notify) -> None:
    class Adapter:
        def __init__(self, name: str) -> None:
            self.name = name

    from attrs import evolve

    with_adapters = evolve(notify, sms_providers=(Adapter("a"), Adapter("b"), Adapter("c")),
                           email_providers=(Adapter("e"),))
    found = {p.identifier: p for p in ensure_default_providers(with_adapters)}
    assert set(found) == {"a", "b", "c", "e"}
    assert sum(found[n].priority for n in "abc") == 100


def test_get_one(admin: AdminClient, providers: list[dict[str, Any]]) -> None:
    first = providers[0]
    result = admin.get(f"/provider-details/{first['id']}")
    assert result.status_code == 200 and result.json["provider_details"] == first
    assert set(first) >= {"id", "display_name", "identifier", "priority", "notification_type", "active",
                          "updated_at", "supports_international", "created_by_name", "current_month_billable_sms"}


def test_update_priority_and_active_writes_history(admin: AdminClient, providers: list[dict[str, Any]]) -> None:
    owner = admin.post("/user", json={"name": "Ops", "email_address": "ops@example.gov.uk",
                                      "password": "a long password"}).json["data"]
    sms = by_identifier(providers, "fake-sms-1")
    result = admin.post(f"/provider-details/{sms['id']}", json={"priority": 70, "created_by": owner["id"]})
    assert result.status_code == 200
    assert result.json["provider_details"]["priority"] == 70
    assert result.json["provider_details"]["created_by_name"] == "Ops"
    admin.post(f"/provider-details/{sms['id']}", json={"active": False})
    versions = admin.get(f"/provider-details/{sms['id']}/versions").json["data"]
    assert [(v["version"], v["priority"], v["active"]) for v in versions] == [(3, 70, False), (2, 70, True),
                                                                              (1, 50, True)]
    admin.post(f"/provider-details/{sms['id']}", json={"active": False})  # no change, no version
    assert len(admin.get(f"/provider-details/{sms['id']}/versions").json["data"]) == 3


@pytest.mark.parametrize("fields, field", [
    ({"identifier": "x"}, "identifier"),
    ({"display_name": "x"}, "display_name"),
    ({"priority": "high"}, "priority"),
    ({"priority": -1}, "priority"),
    ({"active": "no way"}, "active"),
    ({"created_by": UNKNOWN_ID}, "created_by"),
])
def test_bad_updates_are_refused(admin: AdminClient, providers: list[dict[str, Any]], fields: dict[str, Any],
                                 field: str) -> None:
    provider = providers[0]
    result = admin.post(f"/provider-details/{provider['id']}", json=fields)
    assert result.status_code == 400 and field in message(result)
    if field in ("identifier", "display_name"):
        assert message(result) == {field: ["Not permitted to be updated"]}
    assert admin.get(f"/provider-details/{provider['id']}").json["provider_details"] == provider


def test_unknown_provider_is_404(admin: AdminClient) -> None:
    assert admin.get(f"/provider-details/{UNKNOWN_ID}").status_code == 404
    assert admin.post(f"/provider-details/{UNKNOWN_ID}", json={"priority": 1}).status_code == 404
    assert admin.get(f"/provider-details/{UNKNOWN_ID}/versions").status_code == 404
    assert admin.get("/provider-details/nope").status_code == 400
