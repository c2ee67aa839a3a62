"""Security suites run in-process on the in-memory store with the v2 wiring (fake providers, sync queue)."""

from __future__ import annotations

from ..v2.conftest import api, fakes, notify, world  # noqa: F401 - fixtures re-used as they are
