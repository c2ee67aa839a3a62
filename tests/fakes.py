"""Fakes for the system ports (the clock is the installed plugin's, notify.testing): a clock that moves only
when told, a fast password hasher; provider callbacks' token."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from notify.adapters.system import BcryptPasswordHasher
from notify.testing import PASSWORD_ROUNDS, T0, FrozenClock

__all__ = ["PROVIDER_AUTH", "PROVIDER_TOKEN", "T0", "FrozenClock", "accept_provider_callbacks",
           "fast_password_hasher"]


def fast_password_hasher() -> BcryptPasswordHasher:
    """Real bcrypt at its lowest cost: the same rules, a hundred times faster."""
    return BcryptPasswordHasher(rounds=PASSWORD_ROUNDS)


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
