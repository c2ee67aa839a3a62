"""Sends admitted together (group commit) obey the limits exactly as one at a time would: on every store, from
many threads at once, and on PostgreSQL from two `Notify`s with their own pools, caches and group commits (two
processes' worth), counting in the database."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

import pytest

from notify.adapters.admissions import GroupCommitAdmissions
from notify.adapters.jwt import PyJwtTokens
from notify.adapters.sqlalchemy import SqlAlchemyUnitOfWork, create_engine
from notify.adapters.system import Uuid4Generator
from notify.domain.constants import KeyType, NotificationType
from notify.domain.errors import DailyLimitExceeded, RateLimitExceeded
from notify.domain.limits import Admission, send_limits
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases import notifications
from notify.usecases.admission import admit_in
from notify.usecases.app import Notify
from notify.usecases.auth import ServiceAuth
from tests import factories, storage
from tests.fakes import FrozenClock, fast_password_hasher

from .helpers import NewUow


def _notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock, *, lanes: int = 1) -> Notify:
    ids = Uuid4Generator()
    return Notify(uow=new_uow, clock=clock, ids=ids, secrets=ids, passwords=fast_password_hasher(),
                  tokens=PyJwtTokens(), admissions=GroupCommitAdmissions(new_uow, lanes=lanes))


def _sender(notify: Notify, **limits: Any) -> tuple[ServiceAuth, UUID]:
    service = factories.create_service(notify, restricted=False, **limits)
    key = factories.store_api_key(notify, factories.api_key(service.id, key_type=KeyType.NORMAL))
    template = factories.store_template(notify, factories.template(service.id))
    return ServiceAuth(service=service, api_key=key), template.id


def _send(notify: Notify, auth: ServiceAuth, template_id: UUID) -> str:
    request = notifications.SendRequest(notification_type=NotificationType.SMS, template_id=template_id,
                                        recipient="07700900123", personalisation={"name": "Jo"})
    try:
        notifications.send_notification(notify, auth, request)
    except RateLimitExceeded as exc:  # DailyLimitExceeded is one too
        return type(exc).__name__
    return "sent"


def _send_at_once(senders: list[Notify], auth: ServiceAuth, template_id: UUID) -> Counter[str]:
    """Each of `senders` (one per thread) sends 10 at the same time; the outcomes, counted."""
    results: list[str] = []

    def worker(notify: Notify) -> None:
        for _ in range(10):
            results.append(_send(notify, auth, template_id))

    threads = [threading.Thread(target=worker, args=(notify,)) for notify in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(results)


def _stored(notify: Notify, service_id: UUID) -> int:
    with notify.uow() as uow:
        return len(uow.notifications.list_for_service(service_id, limit=10_000))


def test_a_batch_refuses_exactly_the_sends_over_a_limit_and_keeps_nothing_of_them(new_uow: NewUow) -> None:
    notify = _notify(new_uow, FrozenClock())
    auth, template_id = _sender(notify, rate_limit=3, sms_message_limit=1000)
    now = notify.clock.now()
    batch = [Admission(factories.notification(auth.service_id), True, send_limits(
        auth.service, auth.key_type, NotificationType.SMS, international_sms=False, count_daily=True, now=now))
        for _ in range(5)]
    with notify.uow() as uow:
        outcomes = admit_in(uow, batch)
        uow.commit()
    assert [type(o).__name__ if o else None for o in outcomes] == [None, None, None, "RateLimitExceeded",
                                                                   "RateLimitExceeded"]
    assert _stored(notify, auth.service_id) == 3
    with notify.uow() as uow:  # the refused ones took nothing: the counters say 3
        assert {limit.key: uow.counters.find(limit.key) for limit in batch[0].limits} == {
            limit.key: 3 for limit in batch[0].limits}


@pytest.fixture
def shared_uow(new_uow: NewUow, request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[NewUow]:
    """The store for many threads at once: the suite's in-memory SQLite is one shared connection, so SQLite
    runs here as `notify serve` runs it, on a file with a pool."""
    if "sqlite" not in request.node.callspec.id:
        yield new_uow
        return
    from notify.adapters.sqlalchemy import migrate

    engine = create_engine(f"sqlite:///{tmp_path / 'notify.db'}")
    migrate.upgrade(engine)
    yield lambda: SqlAlchemyUnitOfWork(engine, storage.cipher())
    engine.dispose()


def test_many_threads_sending_at_once_get_exactly_the_daily_limit(shared_uow: NewUow) -> None:
    notify = _notify(shared_uow, FrozenClock())
    auth, template_id = _sender(notify, rate_limit=10**6, sms_message_limit=25)
    assert _send_at_once([notify] * 6, auth, template_id) == {"sent": 25, DailyLimitExceeded.__name__: 35}
    assert _stored(notify, auth.service_id) == 25


@pytest.mark.postgres
def test_two_processes_sending_at_once_never_exceed_the_rate_limit() -> None:
    """Each process with several admission lanes, as `notify serve` runs them on PostgreSQL."""
    first_uow = storage.new_uow_factory("postgres")
    engine = create_engine(storage.postgres_url(), pool_size=4)  # the second process: its own pool
    try:
        clock = FrozenClock()
        first = _notify(first_uow, clock, lanes=4)
        second = _notify(lambda: SqlAlchemyUnitOfWork(engine, storage.cipher()), clock, lanes=4)
        auth, template_id = _sender(first, rate_limit=50, sms_message_limit=10**6)
        outcomes = _send_at_once([first] * 8 + [second] * 8, auth, template_id)
        assert outcomes == {"sent": 50, RateLimitExceeded.__name__: 110}
        assert _stored(first, auth.service_id) == 50
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_services_sending_at_once_on_their_own_lanes_each_get_exactly_their_rate_limit() -> None:
    notify = _notify(storage.new_uow_factory("postgres"), FrozenClock(), lanes=3)
    senders = [_sender(notify, rate_limit=20, sms_message_limit=10**6) for _ in range(3)]
    outcomes: dict[UUID, Counter[str]] = {}

    def service_sends(auth: ServiceAuth, template_id: UUID) -> None:
        outcomes[auth.service_id] = _send_at_once([notify] * 4, auth, template_id)

    threads = [threading.Thread(target=service_sends, args=sender) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(outcomes.values()) == [{"sent": 20, RateLimitExceeded.__name__: 20}] * 3
    assert [_stored(notify, auth.service_id) for auth, _ in senders] == [20] * 3
