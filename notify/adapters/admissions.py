"""Group-committed admissions: the sends arriving at the same moment share one transaction (and one WAL flush)
instead of taking one each; each is still counted as if it had been alone (usecases.admission).

With several lanes, several batches are in flight at once, each on its own connection. A service's sends
always take the same lane: they share its counter rows, so two of its batches in flight would only wait on
each other's row locks (held until the commit is flushed) while each grew smaller; different services'
batches touch different rows and overlap freely."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from notify.domain.errors import RateLimitExceeded
from notify.domain.limits import Admission
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases.admission import admit_in

from .group_commit import GroupCommit


# After a refusal a lane counts send by send for this long: a service at its limit keeps sending, and each of
# its batches tried at once would cost a wasted attempt (on PostgreSQL a round trip and an error in its log).
SEND_BY_SEND_AFTER_REFUSAL = 1.0  # seconds


class GroupCommitAdmissions:
    def __init__(self, uow: Callable[[], UnitOfWork], *, max_batch: int = 64, lanes: int = 1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._lanes = [_Lane(uow, max_batch, clock) for _ in range(max(1, lanes))]

    def admit(self, admission: Admission) -> None:
        lane = self._lanes[hash(admission.notification.service_id) % len(self._lanes)]
        lane.commit.submit(admission, lane.run)  # raises the send's refusal


class _Lane:
    def __init__(self, uow: Callable[[], UnitOfWork], max_batch: int, clock: Callable[[], float]) -> None:
        self.commit: GroupCommit[Admission, None] = GroupCommit(max_batch)
        self._uow = uow
        self._clock = clock
        self._send_by_send_until = 0.0  # only the lane's running batch reads or writes it

    def run(self, admissions: Sequence[Admission]) -> list[RateLimitExceeded | None]:
        with self._uow() as uow:
            outcomes = admit_in(uow, admissions, at_once=self._clock() >= self._send_by_send_until)
            uow.commit()
        if any(outcome is not None for outcome in outcomes):
            self._send_by_send_until = self._clock() + SEND_BY_SEND_AFTER_REFUSAL
        return outcomes
