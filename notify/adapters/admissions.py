"""Group-committed admissions: the sends arriving at the same moment share one transaction (and one WAL flush)
instead of taking one each; each is still counted as if it had been alone (usecases.admission).

With several lanes, several batches are in flight at once, each on its own connection. A service's sends
always take the same lane: they share its counter rows, so two of its batches in flight would only wait on
each other's row locks (held until the commit is flushed) while each grew smaller; different services'
batches touch different rows and overlap freely."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from notify.domain.errors import RateLimitExceeded
from notify.domain.limits import Admission
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases.admission import admit_in

from .group_commit import GroupCommit


class GroupCommitAdmissions:
    def __init__(self, uow: Callable[[], UnitOfWork], *, max_batch: int = 64, lanes: int = 1) -> None:
        self._uow = uow
        self._lanes: list[GroupCommit[Admission, None]] = [GroupCommit(max_batch) for _ in range(max(1, lanes))]

    def admit(self, admission: Admission) -> None:
        lane = self._lanes[hash(admission.notification.service_id) % len(self._lanes)]
        lane.submit(admission, self._run)  # raises the send's refusal

    def _run(self, admissions: Sequence[Admission]) -> list[RateLimitExceeded | None]:
        with self._uow() as uow:
            outcomes = admit_in(uow, admissions)
            uow.commit()
        return outcomes
