"""Every admin HTTP test runs twice: on the in-memory store and on PostgreSQL (the `new_uow` fixture in
tests/conftest.py builds the store named by this parameter)."""

from __future__ import annotations

import pytest

HTTP_STORES = ["memory", pytest.param("postgres", marks=pytest.mark.postgres)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "new_uow" in metafunc.fixturenames:
        metafunc.parametrize("new_uow", HTTP_STORES, indirect=True)
