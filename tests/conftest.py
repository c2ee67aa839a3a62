"""Shared fixtures: a `Notify` on the in-memory store with a frozen clock, its Falcon app, and an admin
client that signs every request as Notify's admin app does."""

from __future__ import annotations

from collections.abc import Callable

import falcon
import pytest

from notify.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from notify.entrypoints.http import create_app
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import ADMIN_CLIENT_ID, ADMIN_SECRET, AdminClient, SignedClient, admin_token, build_test_core
from notify.usecases.app import Notify

from .fakes import FrozenClock

__all__ = ["ADMIN_CLIENT_ID", "ADMIN_SECRET", "AdminClient", "SignedClient", "admin_token"]


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
    return build_test_core(clock, uow=new_uow)


@pytest.fixture
def app(notify: Notify) -> falcon.App:
    return create_app(notify)


@pytest.fixture
def admin(app: falcon.App, clock: FrozenClock) -> AdminClient:
    return AdminClient(app, clock)
