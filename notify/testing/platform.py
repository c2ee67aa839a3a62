"""The platform a test runs on: in memory, a frozen clock, cheap password hashing, the fake providers, every
delivery done before the send returns, and a known admin secret for the HTTP API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import attrs

from notify import bootstrap
from notify.adapters.system import BcryptPasswordHasher
from notify.config import MEMORY, Settings
from notify.embedded import Delivery, Platform, build
from notify.ports.system import Clock
from notify.usecases.app import Notify

from .clock import FrozenClock

ADMIN_CLIENT_ID = "notify-admin"
ADMIN_SECRET = "admin-secret-for-tests-" + "0123456789abcdef" * 3
PASSWORD_ROUNDS = 4  # bcrypt's lowest cost: the same rules, a hundred times faster


def build_test_platform(clock: Clock | None = None, *, delivery: Delivery = "now",
                     receipts: Literal["now", "held"] = "now", uow: Callable[[], Any] | None = None) -> Platform:
    """A platform for a test; `uow` runs it on another store (a unit-of-work factory)."""
    return build(_settings(), clock=clock or FrozenClock(), delivery=delivery, receipts=receipts,
                 password_rounds=PASSWORD_ROUNDS, uow=uow)


def build_test_core(clock: Clock | None = None, *, uow: Callable[[], Any] | None = None) -> Notify:
    """The use cases alone, as a platform's are built but with no delivery queue and no providers (sends wait
    in `created`): for tests of the admin side."""
    settings = _settings()
    stores = bootstrap.Stores(uow=uow, bulk_uow=None, description="given") if uow is not None \
        else bootstrap.open_stores(settings)
    return attrs.evolve(bootstrap.build_notify(settings, stores), clock=clock or FrozenClock(),
                        passwords=BcryptPasswordHasher(rounds=PASSWORD_ROUNDS))


def _settings() -> Settings:
    return Settings(database_url=MEMORY, admin_client_id=ADMIN_CLIENT_ID, admin_client_secrets=(ADMIN_SECRET,))
