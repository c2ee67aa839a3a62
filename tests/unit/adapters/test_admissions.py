"""Group-committed admissions try each batch whole first; after a refusal a lane counts send by send for a
while, since a service at its limit keeps sending and a whole-batch try would only be wasted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from notify.adapters.admissions import SEND_BY_SEND_AFTER_REFUSAL, GroupCommitAdmissions
from notify.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from notify.domain.constants import KeyType, NotificationType
from notify.domain.errors import DailyLimitExceeded
from notify.domain.limits import Admission, Increment, send_limits
from notify.domain.notification import Notification
from tests import factories
from tests.fakes import T0


class CountingWholeTries:
    """The memory store's unit of work, counting the whole-batch tries made through it."""

    def __init__(self) -> None:
        self.store = InMemoryStore()
        self.tries: list[bool] = []  # each try's answer

    def __call__(self) -> Any:
        uow = InMemoryUnitOfWork(self.store)
        notifications = uow.notifications
        whole = notifications.add_counted_within

        def counted(items: Sequence[Notification], increments: Sequence[Increment],
                    ceilings: Mapping[str, int]) -> bool:
            self.tries.append(whole(items, increments, ceilings))
            return self.tries[-1]

        notifications.add_counted_within = counted  # type: ignore[method-assign]
        return uow


def test_after_a_refusal_a_lane_counts_send_by_send_for_a_while_then_tries_whole_batches_again() -> None:
    store, now = CountingWholeTries(), [100.0]
    admissions = GroupCommitAdmissions(store, clock=lambda: now[0])
    service = factories.service(sms_message_limit=2, rate_limit=10**6)

    def send() -> str:
        limits = send_limits(service, KeyType.NORMAL, NotificationType.SMS, international_sms=False,
                             count_daily=True, now=T0)
        try:
            admissions.admit(Admission(factories.notification(service.id), True, limits))
        except DailyLimitExceeded:
            return "refused"
        return "sent"

    assert [send(), send(), send()] == ["sent", "sent", "refused"]
    assert store.tries == [True, True, False]
    now[0] += SEND_BY_SEND_AFTER_REFUSAL / 2
    assert send() == "refused" and store.tries == [True, True, False]  # counted send by send, no whole try
    now[0] += SEND_BY_SEND_AFTER_REFUSAL
    assert send() == "refused" and store.tries == [True, True, False, False]


@pytest.mark.parametrize("lanes", [1, 3])
def test_a_refusal_in_one_lane_leaves_the_others_trying_whole_batches(lanes: int) -> None:
    store = CountingWholeTries()
    admissions = GroupCommitAdmissions(store, lanes=lanes, clock=lambda: 0.0)
    full, other = factories.service(sms_message_limit=0), factories.service()
    if lanes > 1:
        while hash(other.id) % lanes == hash(full.id) % lanes:
            other = factories.service()

    def send(service: Any) -> None:
        limits = send_limits(service, KeyType.NORMAL, NotificationType.SMS, international_sms=False,
                             count_daily=True, now=T0)
        admissions.admit(Admission(factories.notification(service.id), True, limits))

    with pytest.raises(DailyLimitExceeded):
        send(full)
    send(other)
    assert store.tries == ([False] if lanes == 1 else [False, True])
