"""Replay protection's store: a token key is used once until it expires, on every store; on a database the
answer is shared by every process (here: two adapters on one engine, racing)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest

from notify.adapters.memory.used_tokens import InMemoryUsedTokens
from notify.adapters.sqlalchemy.used_tokens import SqlAlchemyUsedTokens
from notify.ports.used_tokens import UsedTokens
from tests import storage
from tests.fakes import T0

NewUsedTokens = Callable[[], UsedTokens]


@pytest.fixture(params=storage.STORES)
def new_used_tokens(request: pytest.FixtureRequest) -> NewUsedTokens:
    """Adapters sharing one store (for memory: one instance, as one process has)."""
    if request.param == "memory":
        shared = InMemoryUsedTokens()
        return lambda: shared
    engine = storage.engine_for(request.param)
    storage.truncate_all(engine)
    return lambda: SqlAlchemyUsedTokens(engine)


def test_a_key_is_used_once_until_it_expires(new_used_tokens: NewUsedTokens) -> None:
    tokens = new_used_tokens()
    expires = T0 + timedelta(seconds=31)
    assert tokens.first_use("a" * 64, expires_at=expires, now=T0) is True
    assert tokens.first_use("a" * 64, expires_at=expires, now=T0 + timedelta(seconds=30)) is False
    assert new_used_tokens().first_use("a" * 64, expires_at=expires, now=T0 + timedelta(seconds=1)) is False
    assert tokens.first_use("b" * 64, expires_at=expires, now=T0) is True
    later = expires + timedelta(seconds=1)
    assert tokens.first_use("a" * 64, expires_at=later + timedelta(seconds=31), now=later) is True
    assert tokens.first_use("a" * 64, expires_at=later + timedelta(seconds=31), now=later) is False


@pytest.mark.parametrize("new_used_tokens", ["memory", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)  # the tests' SQLite is one in-memory connection: no two transactions race
def test_of_racing_first_uses_exactly_one_wins(new_used_tokens: NewUsedTokens) -> None:
    adapters = [new_used_tokens() for _ in range(8)]
    answers: list[bool] = []
    start = threading.Barrier(len(adapters))

    def claim(tokens: UsedTokens) -> None:
        start.wait()
        answers.append(tokens.first_use("c" * 64, expires_at=T0 + timedelta(seconds=31), now=T0))

    threads = [threading.Thread(target=claim, args=(a,)) for a in adapters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [False] * 7 + [True]
