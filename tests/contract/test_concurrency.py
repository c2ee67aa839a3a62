"""Two transactions writing the same versioned aggregate at once: one wins, the other gets ConcurrentUpdate.
No version is ever lost (PostgreSQL: real concurrent connections, row locks and READ COMMITTED)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from notify.domain import errors
from tests import storage

from .helpers import add_service, later, template

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_uow() -> Callable[[], Any]:
    return storage.new_uow_factory("postgres")


def _race(pg_uow: Callable[[], Any], read: Callable[[Any], Any], write: Callable[[Any, Any], None]) -> list[str]:
    """Both transactions read the same version, then both write and commit."""
    both_read = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def worker() -> None:
        try:
            with pg_uow() as uow:
                current = read(uow)
                both_read.wait()
                write(uow, current)
                uow.commit()
            outcomes.append("committed")
        except errors.ConcurrentUpdate:
            outcomes.append("conflict")

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_concurrent_service_updates_never_lose_a_version(pg_uow: Callable[[], Any]) -> None:
    service = add_service(pg_uow)
    outcomes = _race(pg_uow, lambda uow: uow.services.get(service.id),
                     lambda uow, s: uow.services.update(s.changed(now=later(hours=1), notes=str(threading.get_ident()))))
    assert outcomes == ["committed", "conflict"]
    with pg_uow() as uow:
        history = uow.services.history(service.id)
        assert [s.version for s in history] == [1, 2]
        assert uow.services.get(service.id) == history[-1]


def test_concurrent_template_updates_never_lose_a_version(pg_uow: Callable[[], Any]) -> None:
    service = add_service(pg_uow)
    tpl = template(service.id, service.created_by)
    with pg_uow() as uow:
        uow.templates.add(tpl)
        uow.commit()
    outcomes = _race(pg_uow, lambda uow: uow.templates.get(service.id, tpl.id),
                     lambda uow, t: uow.templates.update(t.changed(now=later(hours=1), content=str(threading.get_ident()))))
    assert outcomes == ["committed", "conflict"]
    with pg_uow() as uow:
        assert [t.version for t in uow.templates.versions(service.id, tpl.id)] == [2, 1]
