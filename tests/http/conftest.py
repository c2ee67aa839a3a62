"""Every admin HTTP test runs twice: on the in-memory store and on PostgreSQL (the `new_uow` fixture in
tests/conftest.py builds the store named by this parameter)."""

from __future__ import annotations

from typing import Any

import pytest

from ..conftest import AdminClient

HTTP_STORES = ["memory", pytest.param("postgres", marks=pytest.mark.postgres)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "new_uow" in metafunc.fixturenames:
        metafunc.parametrize("new_uow", HTTP_STORES, indirect=True)


@pytest.fixture
def owner(admin: AdminClient) -> dict[str, Any]:
    """A user made through the admin API, as the admin app makes one."""
    return admin.post("/user", json={"name": "Owner", "email_address": "owner@example.gov.uk",
                                     "password": "a long password"}).json["data"]


@pytest.fixture
def service(admin: AdminClient, owner: dict[str, Any]) -> dict[str, Any]:
    """A service `owner` created through the admin API."""
    return admin.post("/service", json={"name": "Tax reminders", "user_id": owner["id"]}).json["data"]
