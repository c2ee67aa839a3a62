"""Stores for tests: one engine per store per session, built on first use, emptied between tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from notify.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from notify.adapters.sqlalchemy import Cipher, SqlAlchemyUnitOfWork, create_engine, migrate, tables
from notify.ports.unit_of_work import UnitOfWork

from .postgres_server import NoPostgres, database_url_for_this_run

STORES = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
TEST_KEY = "notify-tests-secret-key"
_engines: dict[str, sa.Engine] = {}


def cipher() -> Cipher:
    return Cipher([TEST_KEY])


def postgres_url() -> str:
    try:
        return database_url_for_this_run()
    except NoPostgres as exc:
        pytest.fail(str(exc), pytrace=False)


def engine_for(store: str) -> sa.Engine:
    """The session's engine for `sqlite` or `postgres`, migrated to head through Alembic on first use."""
    if store not in _engines:
        if store == "sqlite":
            engine = create_engine("sqlite://")
        elif store == "postgres":
            engine = create_engine(postgres_url(), pool_size=2)
        else:
            raise ValueError(store)
        migrate.upgrade(engine)  # the migrations are under test too
        _engines[store] = engine
    return _engines[store]


def truncate_all(engine: sa.Engine) -> None:
    """Empty every table. DELETE, not TRUNCATE: a test leaves a handful of rows, and TRUNCATE's new files cost
    ~0.2 s a test on PostgreSQL where these DELETEs take a few ms."""
    statements = [f'DELETE FROM "{table.name}"' for table in reversed(tables.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("; ".join(statements))  # one round trip
        else:
            for statement in statements:
                connection.exec_driver_sql(statement)


def new_uow_factory(store: str) -> Callable[[], UnitOfWork]:
    if store == "memory":
        memory = InMemoryStore()
        return lambda: InMemoryUnitOfWork(memory)
    engine = engine_for(store)
    truncate_all(engine)
    key = cipher()
    return lambda: SqlAlchemyUnitOfWork(engine, key)


def dispose_all() -> None:
    while _engines:
        _engines.popitem()[1].dispose()
