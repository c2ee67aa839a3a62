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
from notify.domain.limits import Admission, Limit, send_limits
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


def _limits(notify: Notify, auth: ServiceAuth) -> tuple[Limit, ...]:
    return send_limits(auth.service, auth.key_type, NotificationType.SMS, international_sms=False, count_daily=True,
                       now=notify.clock.now())


def _admit(notify: Notify, admissions: list[Admission]) -> list[str]:
    with notify.uow() as uow:
        outcomes = admit_in(uow, admissions)
        uow.commit()
    return [type(o).__name__ if o else "sent" for o in outcomes]


def _counts(notify: Notify, keys: list[str]) -> list[int | None]:
    with notify.uow() as uow:
        return [uow.counters.find(key) for key in keys]


def test_a_batch_refuses_exactly_the_sends_over_a_limit_and_keeps_nothing_of_them(new_uow: NewUow) -> None:
    notify = _notify(new_uow, FrozenClock())
    auth, template_id = _sender(notify, rate_limit=3, sms_message_limit=1000)  # a bucket of 2, 20 s a token
    limits = _limits(notify, auth)
    rate, daily = limits
    sent = _admit(notify, [Admission(factories.notification(auth.service_id), True, limits) for _ in range(5)])
    assert sent == ["sent"] * 2 + ["RateLimitExceeded"] * 3
    assert _stored(notify, auth.service_id) == 2
    # the refused ones took nothing: the bucket is empty until now + 40 s, and the day counted 2
    assert _counts(notify, [rate.key, daily.key]) == [rate.floor + 2 * rate.cost, 2]


def test_a_full_bucket_allows_its_burst_at_once_then_a_send_each_time_a_token_refills(new_uow: NewUow) -> None:
    notify = _notify(new_uow, clock := FrozenClock())
    auth, template_id = _sender(notify, rate_limit=30)  # a bucket of 11, a token every 2 s
    assert [_send(notify, auth, template_id) for _ in range(12)] == ["sent"] * 11 + ["RateLimitExceeded"]
    clock.advance(seconds=3 * 2)
    assert [_send(notify, auth, template_id) for _ in range(5)] == ["sent"] * 3 + ["RateLimitExceeded"] * 2
    clock.advance(seconds=1.999999)
    assert _send(notify, auth, template_id) == "RateLimitExceeded"
    clock.advance(microseconds=1)  # the refused sends took nothing: the token is there on time
    assert [_send(notify, auth, template_id) for _ in range(2)] == ["sent", "RateLimitExceeded"]
    clock.advance(minutes=10)  # a bucket never holds more than its burst
    assert Counter(_send(notify, auth, template_id) for _ in range(12)) == {"sent": 11, "RateLimitExceeded": 1}
    assert _stored(notify, auth.service_id) == 11 + 3 + 1 + 11


def test_each_key_type_has_its_own_bucket(new_uow: NewUow) -> None:
    notify = _notify(new_uow, FrozenClock())
    auth, template_id = _sender(notify, rate_limit=3)
    test = ServiceAuth(service=auth.service, api_key=factories.store_api_key(
        notify, factories.api_key(auth.service_id, key_type=KeyType.TEST)))
    assert [_send(notify, auth, template_id) for _ in range(3)] == ["sent", "sent", "RateLimitExceeded"]
    assert [_send(notify, test, template_id) for _ in range(3)] == ["sent", "sent", "RateLimitExceeded"]


def test_a_huge_rate_limit_never_refuses_sends_a_microsecond_apart(new_uow: NewUow) -> None:
    notify = _notify(new_uow, clock := FrozenClock())
    auth, _ = _sender(notify, rate_limit=2**31 - 1, sms_message_limit=10**6)  # 36 tokens a microsecond
    outcomes: list[str] = []
    for _ in range(12):
        batch = []
        for _ in range(100):
            clock.advance(microseconds=1)
            batch.append(Admission(factories.notification(auth.service_id), False, _limits(notify, auth)))
        outcomes += _admit(notify, batch)
    assert outcomes == ["sent"] * 1200


def test_a_huge_rate_limit_never_refuses_sends_counted_out_of_the_order_of_their_times(new_uow: NewUow) -> None:
    notify = _notify(new_uow, clock := FrozenClock())
    auth, _ = _sender(notify, rate_limit=10**9, sms_message_limit=10**6)  # a token every 60 ns
    late = Admission(factories.notification(auth.service_id), False, _limits(notify, auth))
    clock.advance(milliseconds=5)  # read later on another thread, counted first
    early = [Admission(factories.notification(auth.service_id), False, _limits(notify, auth)) for _ in range(2)]
    assert _admit(notify, early) + _admit(notify, [late]) == ["sent"] * 3


def test_a_rate_limit_of_0_refuses_every_send(new_uow: NewUow) -> None:
    notify = _notify(new_uow, clock := FrozenClock())
    auth, template_id = _sender(notify, rate_limit=0)
    assert _send(notify, auth, template_id) == "RateLimitExceeded"
    clock.advance(days=1)
    assert _send(notify, auth, template_id) == "RateLimitExceeded"
    assert _stored(notify, auth.service_id) == 0


def test_a_batch_admitted_together_is_counted_as_the_same_sends_one_by_one(new_uow: NewUow) -> None:
    notify = _notify(new_uow, clock := FrozenClock())
    together, alone = (_sender(notify, rate_limit=30, sms_message_limit=16)[0] for _ in range(2))
    outcomes: dict[UUID, list[str]] = {together.service_id: [], alone.service_id: []}
    for sends, wait in ((4, 0), (10, 5), (6, 7)):  # a token every 2 s, 11 at most; 16 a day
        clock.advance(seconds=wait)
        outcomes[together.service_id] += _admit(notify, [Admission(
            factories.notification(together.service_id), True, _limits(notify, together)) for _ in range(sends)])
        for _ in range(sends):
            outcomes[alone.service_id] += _admit(notify, [Admission(
                factories.notification(alone.service_id), True, _limits(notify, alone))])
    assert outcomes[together.service_id] == (["sent"] * 4 + ["sent"] * 9 + ["RateLimitExceeded"]
                                             + ["sent"] * 3 + ["DailyLimitExceeded"] * 3)
    assert outcomes[alone.service_id] == outcomes[together.service_id]
    assert (_counts(notify, [limit.key for limit in _limits(notify, together)])
            == _counts(notify, [limit.key for limit in _limits(notify, alone)]))
    assert _stored(notify, together.service_id) == _stored(notify, alone.service_id) == 16


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
def test_two_processes_sending_at_once_never_exceed_the_burst() -> None:
    """Each process with several admission lanes, as `notify serve` runs them on PostgreSQL."""
    first_uow = storage.new_uow_factory("postgres")
    engine = create_engine(storage.postgres_url(), pool_size=4)  # the second process: its own pool
    try:
        clock = FrozenClock()
        first = _notify(first_uow, clock, lanes=4)
        second = _notify(lambda: SqlAlchemyUnitOfWork(engine, storage.cipher()), clock, lanes=4)
        auth, template_id = _sender(first, rate_limit=50, sms_message_limit=10**6)
        outcomes = _send_at_once([first] * 8 + [second] * 8, auth, template_id)
        assert outcomes == {"sent": 18, RateLimitExceeded.__name__: 142}  # a bucket of 18 at one instant
        assert _stored(first, auth.service_id) == 18
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_services_sending_at_once_on_their_own_lanes_each_get_exactly_their_burst() -> None:
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
    assert list(outcomes.values()) == [{"sent": 8, RateLimitExceeded.__name__: 32}] * 3  # buckets of 8
    assert [_stored(notify, auth.service_id) for auth, _ in senders] == [8] * 3
