"""The platform a test runs on: in memory, a frozen clock, cheap password hashing, the fake providers, every
delivery done before the send returns, and a known admin secret for the HTTP API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from notify.config import MEMORY, Settings
from notify.embedded import Delivery, Platform, build
from notify.ports.system import Clock

from .clock import FrozenClock

ADMIN_CLIENT_ID = "notify-admin"
ADMIN_SECRET = "admin-secret-for-tests-" + "0123456789abcdef" * 3
PASSWORD_ROUNDS = 4  # bcrypt's lowest cost: the same rules, a hundred times faster


def build_test_platform(clock: Clock | None = None, *, delivery: Delivery = "now",
                     receipts: Literal["now", "held"] = "now", uow: Callable[[], Any] | None = None) -> Platform:
    """A platform for a test; `uow` runs it on another store (a unit-of-work factory)."""
    settings = Settings(database_url=MEMORY, admin_client_id=ADMIN_CLIENT_ID, admin_client_secrets=(ADMIN_SECRET,))
    return build(settings, clock=clock or FrozenClock(), delivery=delivery, receipts=receipts,
                 password_rounds=PASSWORD_ROUNDS, uow=uow)
