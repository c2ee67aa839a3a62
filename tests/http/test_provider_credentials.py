"""Credentials an operator stores for a real provider through POST /provider-details/{id}: kept (encrypted on
SQL stores), never shown nor logged, only whether they are set and which; what the provider adapters read.
On every store: memory, SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from typing import Any
from uuid import uuid4

import pytest

from notify.domain.constants import NotificationType
from notify.testing import build_test_core
from notify.usecases.app import Notify
from notify.usecases.providers import CredentialLookup, ProviderSpec, ensure_default_providers

from .. import storage
from ..conftest import AdminClient
from ..fakes import FrozenClock

SECRET = "s3cret-smtp-password-0123"
SPECS = (ProviderSpec("smtp", "SMTP", NotificationType.EMAIL, 60),
         ProviderSpec("fake-email", "Fake email", NotificationType.EMAIL, 40))


@pytest.fixture(params=storage.STORES)
def store_uow(request: pytest.FixtureRequest) -> Any:
    return storage.new_uow_factory(request.param)


@pytest.fixture
def notify(store_uow: Any, clock: FrozenClock) -> Notify:
    """The suite's `notify` on each of the three stores (tests/http's own parametrisation has no SQLite)."""
    return build_test_core(clock, uow=store_uow)


@pytest.fixture
def providers(notify: Notify) -> dict[str, str]:
    return {p.identifier: str(p.id) for p in ensure_default_providers(notify, SPECS)}


def post(admin: AdminClient, provider_id: str, body: dict[str, Any]) -> Any:
    return admin.post(f"/provider-details/{provider_id}", json=body)


def everything_shown(admin: AdminClient, provider_id: str) -> str:
    return " ".join([admin.get("/provider-details").text, admin.get(f"/provider-details/{provider_id}").text,
                     admin.get(f"/provider-details/{provider_id}/versions").text])


def test_stored_credentials_are_used_never_shown_and_only_said_to_be_set(
        notify: Notify, admin: AdminClient, providers: dict[str, str], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    smtp = providers["smtp"]
    before = admin.get(f"/provider-details/{smtp}").json["provider_details"]
    assert (before["credentials_set"], before["credentials_fields"]) == (False, [])
    result = post(admin, smtp, {"credentials": {"password": SECRET, "user": "relay-user"}})
    assert result.status_code == 200, result.json
    shown = result.json["provider_details"]
    assert (shown["credentials_set"], shown["credentials_fields"]) == (True, ["password", "user"])
    assert SECRET not in result.text and SECRET not in everything_shown(admin, smtp)
    assert "relay-user" not in everything_shown(admin, smtp)
    assert len(admin.get(f"/provider-details/{smtp}/versions").json["data"]) == 1  # not a new version
    assert CredentialLookup(notify)("smtp") == {"password": SECRET, "user": "relay-user"}
    assert not [r for r in caplog.records if SECRET in r.getMessage()]


def test_a_credential_set_to_null_is_removed_and_the_others_kept(notify: Notify, admin: AdminClient,
                                                               providers: dict[str, str]) -> None:
    smtp = providers["smtp"]
    post(admin, smtp, {"credentials": {"url": "smtp://mail.example.org:587", "password": SECRET}})
    result = post(admin, smtp, {"credentials": {"password": None}, "priority": 70})
    assert result.status_code == 200, result.json
    assert result.json["provider_details"]["credentials_fields"] == ["url"]
    assert result.json["provider_details"]["priority"] == 70
    assert CredentialLookup(notify)("smtp") == {"url": "smtp://mail.example.org:587"}
    post(admin, smtp, {"credentials": {"url": None}})
    assert CredentialLookup(notify)("smtp") == {}
    assert admin.get(f"/provider-details/{smtp}").json["provider_details"]["credentials_set"] is False


def test_a_change_is_read_again_at_once_by_the_lookup_of_the_process_that_made_it(
        notify: Notify, admin: AdminClient, providers: dict[str, str]) -> None:
    lookup = CredentialLookup(notify)
    assert lookup("smtp") == {}
    post(admin, providers["smtp"], {"credentials": {"password": SECRET}})
    assert lookup("smtp") == {}  # read within the last 30 s: another process sees it after that
    lookup.forget()  # what the composition root wires to notify.credentials_changed
    assert lookup("smtp") == {"password": SECRET}


@pytest.mark.parametrize("credentials, field", [
    ({"api_key": SECRET}, "credentials.api_key"),
    ({"password": ""}, "credentials.password"),
    ({"password": 12345}, "credentials.password"),
    ({"password": "x" * 2001}, "credentials.password"),
])
def test_unusable_credentials_are_a_400_that_does_not_repeat_them(
        notify: Notify, admin: AdminClient, providers: dict[str, str], credentials: dict[str, Any],
        field: str) -> None:
    result = post(admin, providers["smtp"], {"credentials": credentials})
    assert result.status_code == 400, result.json
    assert field in result.text and SECRET not in result.text and "12345" not in result.text
    assert CredentialLookup(notify)("smtp") == {}


def test_a_provider_that_takes_no_credentials_refuses_them(admin: AdminClient, providers: dict[str, str]) -> None:
    result = post(admin, providers["fake-email"], {"credentials": {"password": SECRET}})
    assert result.status_code == 400 and "takes no credentials" in result.text and SECRET not in result.text


def test_credentials_for_an_unknown_provider_are_a_404(admin: AdminClient, providers: dict[str, str]) -> None:
    result = post(admin, str(uuid4()), {"credentials": {"password": SECRET}})
    assert result.status_code == 404 and SECRET not in result.text


def test_credentials_must_be_an_object(admin: AdminClient, providers: dict[str, str]) -> None:
    for body in ({"credentials": None}, {"credentials": [SECRET]}, {"credentials": SECRET}):
        result = post(admin, providers["smtp"], body)
        assert result.status_code == 400, (body, result.json)
