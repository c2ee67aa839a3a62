"""Every delivery behaviour of test_delivery.py again, with the queue handing ids to `deliver_many` (the
batch use case the in-process queue runs) instead of `deliver`; plus what only a batch can show."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from notify.domain.constants import NotificationStatus
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases import delivery
from notify.usecases.app import Notify

from .conftest import Fakes, World
from .test_delivery import *  # noqa: F401,F403 - the same behaviours, through deliver_many
from .test_delivery import send, stored


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], notify: Notify, fakes: Fakes) -> Notify:
    """The v2 `notify`, its queue handing batches to `deliver_many` (`new_uow` named for parametrisation)."""
    fakes.queue.start(batch=lambda ids: delivery.deliver_many(notify, ids),
                      sweep=lambda: delivery.sweep_created(notify))
    return notify


def test_a_batch_claims_each_once_and_skips_unknown_and_claimed_ids(world: World, fakes: Fakes) -> None:
    fakes.queue.hold = True
    ids = [send(world) for _ in range(5)]
    from uuid import uuid4
    moved = delivery.deliver_many(world.notify, [*ids, ids[0], uuid4()])
    assert sorted(moved) == sorted(ids)
    assert len(fakes.sms.sent) == 5
    assert delivery.deliver_many(world.notify, ids) == []  # a second hand-over is a no-op
    assert len(fakes.sms.sent) == 5
    assert {stored(world.notify, i).status for i in ids} == {NotificationStatus.SENDING}
    assert {stored(world.notify, i).sent_by for i in ids} == {fakes.sms.name}
