"""A real provider adapter that follows the credentials an operator stores for it (usecases.providers): built
from them (each one winning over the environment's) and built again when they change, so that a rotation
through the admin API needs no restart. The adapter it replaces closes what it kept open (an SMTP pool)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger("notify.providers")

Credentials = Mapping[str, str]


class StoredCredentialsProvider:
    def __init__(self, name: str, build: Callable[[Credentials], Any], lookup: Callable[[], Credentials]) -> None:
        self.name = name
        self._build = build
        self._lookup = lookup
        self._lock = threading.Lock()
        self._credentials = dict(lookup())
        self._adapter = build(self._credentials)

    def __repr__(self) -> str:  # never the credentials
        return f"StoredCredentialsProvider({self._adapter!r})"

    def __getattr__(self, attribute: str) -> Any:  # send_*, the webhooks, idempotent...: the current adapter's
        return getattr(self.current(), attribute)

    def current(self) -> Any:
        wanted = self._lookup()
        if wanted == self._credentials:
            return self._adapter
        with self._lock:
            if wanted != self._credentials:
                previous = self._adapter
                try:
                    self._adapter = self._build(dict(wanted))
                except Exception as exc:  # the message could quote a secret: its kind only
                    log.error("%s: the stored credentials cannot be used (%s): keeping the previous ones",
                              self.name, type(exc).__name__)
                else:
                    log.info("%s: stored credentials changed: using them", self.name)
                    close = getattr(previous, "close", None)
                    if close is not None:
                        close()
                self._credentials = dict(wanted)
            return self._adapter
