"""Testing an app that embeds notify: a pytest plugin (fixtures `notify_platform`, `notify_clock`,
`notify_outbox`, `notify_providers`, `notify_http`: see notify.testing.plugin) and the pieces it is made of,
for tests that build their own. Importing this loads no web framework; the HTTP clients load Falcon when
first used."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .clock import T0, FrozenClock
from .outbox import Outbox
from .platform import ADMIN_CLIENT_ID, ADMIN_SECRET, PASSWORD_ROUNDS, build_test_core, build_test_platform

_HTTP = ("AdminClient", "ApiClient", "HttpClients", "SignedClient", "admin_token", "service_token")

__all__ = ["ADMIN_CLIENT_ID", "ADMIN_SECRET", "PASSWORD_ROUNDS", "T0", "FrozenClock", "Outbox", "build_test_core",
           "build_test_platform",
           "AdminClient", "ApiClient", "HttpClients", "SignedClient", "admin_token", "service_token"]

if TYPE_CHECKING:
    from .http import AdminClient, ApiClient, HttpClients, SignedClient, admin_token, service_token


def __getattr__(name: str) -> Any:
    if name not in _HTTP:
        raise AttributeError(f"module 'notify.testing' has no attribute {name!r}")
    return getattr(import_module("notify.testing.http"), name)
