"""Group-committed admissions: the sends arriving at the same moment share one transaction (and one WAL flush)
instead of taking one each; each is still counted as if it had been alone (usecases.admission)."""

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
        self._group: GroupCommit[Admission, None] = GroupCommit(max_batch, lanes=lanes)

    def admit(self, admission: Admission) -> None:
        self._group.submit(admission, self._run)  # raises the send's refusal

    def _run(self, admissions: Sequence[Admission]) -> list[RateLimitExceeded | None]:
        with self._uow() as uow:
            outcomes = admit_in(uow, admissions)
            uow.commit()
        return outcomes
