"""Every repository port, one behaviour each, run on every store: memory, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from notify.ports.unit_of_work import UnitOfWork
from tests import storage


@pytest.fixture(scope="session", autouse=True)
def _dispose_engines() -> Iterator[None]:
    yield
    storage.dispose_all()


@pytest.fixture(params=storage.STORES)
def new_uow(request: pytest.FixtureRequest) -> Callable[[], UnitOfWork]:
    return storage.new_uow_factory(request.param)
