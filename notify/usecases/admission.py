"""Admitting checked sends through the unit of work: the counting the domain decides (domain.limits),
stored in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from notify.domain.errors import RateLimitExceeded
from notify.domain.limits import Admission, AdmissionBatch
from notify.ports.unit_of_work import UnitOfWork


def admit_in(uow: UnitOfWork, admissions: Sequence[Admission], *, at_once: bool = True
             ) -> list[RateLimitExceeded | None]:
    """Count and store many sends in the caller's transaction, exactly as if each had its own: in order, a
    send over any of its limits is refused (its error in its place) and uses nothing, every other one is
    counted and stored. The notifications and the counter upsert go in as one step (one statement on
    PostgreSQL), so the counter rows every send of the service needs stay locked only from there to the
    commit. Refused sends (rare) are taken out again and their counts given back.

    First, unless `at_once` is False, the whole batch is tried at once, within every counter's ceiling:
    usually nothing is refused, and then that one step is all (on PostgreSQL one round trip, its own commit).
    Call it first in its unit of work."""
    batch = AdmissionBatch(admissions)
    if at_once and uow.notifications.add_counted_within(batch.to_store, batch.increments, batch.ceilings):
        return [None] * len(admissions)
    settled = batch.settle(uow.notifications.add_counted(batch.to_store, batch.increments))
    if settled.give_back:
        uow.counters.increment_many(settled.give_back)
    if settled.refused:
        uow.notifications.remove_many(settled.refused)
    return settled.outcomes


class TransactionPerSend:
    """Admissions, one transaction each: what `Notify` uses unless the composition root gives it better."""

    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def admit(self, admission: Admission) -> None:
        with self._uow() as uow:
            refusal = admit_in(uow, [admission])[0]
            if refusal is not None:
                raise refusal
            uow.commit()
