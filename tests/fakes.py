"""Fakes for the system ports: a clock that moves only when told, a fast password hasher; provider callbacks'
token."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from notify.adapters.system import BcryptPasswordHasher

T0 = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


class FrozenClock:
    def __init__(self, now: datetime = T0) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


def fast_password_hasher() -> BcryptPasswordHasher:
    """Real bcrypt at its lowest cost: the same rules, a hundred times faster."""
    return BcryptPasswordHasher(rounds=4)


PROVIDER_TOKEN = "provider-callback-token-for-tests"
PROVIDER_AUTH = {"Authorization": f"Bearer {PROVIDER_TOKEN}"}


def accept_provider_callbacks(notify: Any, providers: Sequence[Any]) -> Any:
    """`notify` accepting the callbacks of these fake providers (and fake inbound texts) signed with
    PROVIDER_TOKEN, as bootstrap wires them with NOTIFY_PROVIDER_CALLBACK_TOKEN."""
    import attrs

    from notify.bootstrap import fake_callback_verifiers
    from notify.config import Settings

    verifiers = fake_callback_verifiers(Settings(provider_callback_tokens=(PROVIDER_TOKEN,)), list(providers))
    return attrs.evolve(notify, provider_callback_verifiers={**notify.provider_callback_verifiers, **verifiers})
