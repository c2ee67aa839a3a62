"""Is the store reachable? One cheap indexed read."""

from __future__ import annotations

from .app import Notify


def check_store(notify: Notify) -> None:
    """Raises StoreUnavailable when the store does not answer."""
    with notify.uow() as uow:
        uow.services.find_by_name("")
