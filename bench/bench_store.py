"""What the storage benches share: a PostgreSQL database (the given URL, or a throwaway one made the way the
tests make theirs), migrated, with a unit-of-work factory and a user owning some services."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from uuid import uuid4

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notify.adapters.sqlalchemy import Cipher, SqlAlchemyUnitOfWork, create_engine, migrate  # noqa: E402
from notify.domain.service import Service  # noqa: E402
from notify.domain.user import User  # noqa: E402


@contextmanager
def bench_engine(url: str | None) -> Iterator[sa.Engine]:
    cleanup = None
    if not url:
        from tests.postgres_server import cleanup, database_url_for_this_run

        url = database_url_for_this_run()
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
        if cleanup:
            cleanup()


def migrated_store(engine: sa.Engine) -> Callable[[], SqlAlchemyUnitOfWork]:
    migrate.upgrade(engine)
    cipher = Cipher(["bench-key"])
    return lambda: SqlAlchemyUnitOfWork(engine, cipher)


def add_services(uow: Callable[[], SqlAlchemyUnitOfWork], count: int, created_at: datetime) -> list[Service]:
    """`count` services of one new user, committed."""
    owner = User(id=uuid4(), name="Bench", email_address=f"bench-{uuid4().hex[:8]}@example.gov.uk",
                 password_hash="x", created_at=created_at)
    services = [Service(id=uuid4(), name=f"Bench service {uuid4().hex[:8]}", created_by=owner.id,
                        created_at=created_at) for _ in range(count)]
    with uow() as u:
        u.users.add(owner)
        for service in services:
            u.services.add(service)
        u.commit()
    return services


def describe(engine: sa.Engine) -> str:
    return (f"database: {engine.url.render_as_string(hide_password=True)} "
            f"({engine.dialect.name} {'.'.join(map(str, engine.dialect.server_version_info or ()))})")
