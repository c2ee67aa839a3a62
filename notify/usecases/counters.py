"""The shared counters (rate buckets, daily limits, delivery attempts, the hand-over ledger) each carry the
time after which nobody reads them; the sweep deletes those, so the table holds only what is still in use."""

from __future__ import annotations

from .app import Notify


def remove_expired_counters(notify: Notify) -> int:
    """Delete every counter whose time has passed; returns how many. Safe in any number of processes at once."""
    with notify.uow() as uow:
        removed = uow.counters.remove_expired(notify.clock.now())
        uow.commit()
    return removed
