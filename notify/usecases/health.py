"""Is the store reachable? One cheap indexed read. And how many services (and their organisations) are live."""

from __future__ import annotations

from attrs import frozen

from .app import Notify


def check_store(notify: Notify) -> None:
    """Raises StoreUnavailable when the store does not answer."""
    with notify.uow() as uow:
        uow.services.find_by_name("")


@frozen
class LiveCounts:
    organisations: int  # organisations with at least one live service
    services: int


def live_counts(notify: Notify) -> LiveCounts:
    """Live services as Notify counts them: active, out of trial mode, and not marked as not counting."""
    with notify.read_uow() as uow:
        live = [s for s in uow.services.list(only_active=True) if s.is_live]
    return LiveCounts(organisations=len({s.organisation_id for s in live if s.organisation_id is not None}),
                      services=len(live))
