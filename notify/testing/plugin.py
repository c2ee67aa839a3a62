"""The pytest plugin (registered under the `pytest11` entry point, so installing notify enables it):

- `notify_clock`: the FrozenClock the platform runs on (`notify_clock.advance(minutes=1)`);
- `notify_platform`: a fresh in-memory `notify.Platform`; every send is delivered, and its receipt recorded,
  before the call returns;
- `notify_outbox`: what each fake provider was handed (`notify_outbox.sms[0].content`);
- `notify_providers`: the fake providers' outcomes: `script(recipient, "permanent-failure")`, `fail_next()`;
- `notify_http`: signed Falcon test clients for the platform's HTTP API (`notify_http.admin.get(...)`,
  `notify_http.api(key).post(...)`); Falcon is loaded only by tests that use it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from notify.embedded import FakeProviders, Platform

from .clock import FrozenClock
from .outbox import Outbox
from .platform import build_test_platform

if TYPE_CHECKING:
    from .http import HttpClients


@pytest.fixture
def notify_clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def notify_platform(notify_clock: FrozenClock) -> Iterator[Platform]:
    platform = build_test_platform(notify_clock)
    yield platform
    platform.close()


@pytest.fixture
def notify_providers(notify_platform: Platform) -> FakeProviders:
    assert notify_platform.fakes is not None
    return notify_platform.fakes


@pytest.fixture
def notify_outbox(notify_providers: FakeProviders) -> Outbox:
    return Outbox(notify_providers)


@pytest.fixture
def notify_http(notify_platform: Platform, notify_clock: FrozenClock) -> HttpClients:
    from notify.entrypoints.http import create_app

    from .http import HttpClients

    return HttpClients(create_app(notify_platform.core), notify_clock)
