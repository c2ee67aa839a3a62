"""The SQL engines: the seed's options, SQLite's pragmas, and failures that become StoreUnavailable (503)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from notify.adapters.sqlalchemy import Cipher, SqlAlchemyUnitOfWork, create_engine
from notify.adapters.sqlalchemy.engine import BadDatabaseUrl, EngineOptions
from notify.domain.errors import StoreUnavailable
from tests import storage


def test_postgresql_engine_has_the_seed_pool_options() -> None:
    engine = create_engine("postgresql://user@db.example/notify")
    assert engine.url.drivername == "postgresql+psycopg"
    pool = engine.pool
    assert (pool.size(), pool.timeout(), pool._recycle) == (5, 30, 300)  # type: ignore[attr-defined]


@pytest.mark.postgres
def test_postgresql_connections_have_the_seed_timeouts() -> None:
    engine = create_engine(storage.postgres_url())
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "20min"
            parameters = connection.connection.driver_connection.info.get_parameters()  # libpq's, client side
            assert (parameters["connect_timeout"], parameters["tcp_user_timeout"]) == ("5", "5000")
    finally:
        engine.dispose()
    custom = create_engine(storage.postgres_url(), EngineOptions(pool_size=9, statement_timeout_ms=5000))
    try:
        assert custom.pool.size() == 9  # type: ignore[attr-defined]
        with custom.connect() as connection:
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "5s"
    finally:
        custom.dispose()


@pytest.mark.parametrize("url", ["mysql://u@h/d", "not a url", "postgresql+asyncpg://u@h/d"])
def test_unusable_urls_are_refused(url: str) -> None:
    with pytest.raises(BadDatabaseUrl):
        create_engine(url)


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'n.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_an_unreachable_server_is_store_unavailable() -> None:
    engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere", EngineOptions(connect_timeout=2))
    with pytest.raises(StoreUnavailable, match="unavailable"), SqlAlchemyUnitOfWork(engine, Cipher(["k"])):
        pass


def _kill_backend(engine: sa.Engine, pid: int) -> None:
    """As a server restart would: the pooled connection dies."""
    with psycopg.connect(engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))


@pytest.mark.postgres
def test_a_dropped_idle_connection_is_survived_by_the_ping() -> None:
    engine = create_engine(storage.postgres_url(), EngineOptions(ping_after_idle=0))
    try:
        uow = lambda: SqlAlchemyUnitOfWork(engine, storage.cipher())  # noqa: E731
        with uow() as first:
            pid = first.session.connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        _kill_backend(engine, pid)
        for _ in range(3):
            with uow() as again:
                assert again.session.connection.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_connection_dropped_while_in_use_costs_one_503_then_the_pool_is_renewed() -> None:
    """Connections in steady use are not pinged (a round trip per transaction): the one statement that finds
    its connection gone is a 503, and the connections after it are new."""
    engine = create_engine(storage.postgres_url(), EngineOptions(ping_after_idle=3600))
    try:
        uow = lambda: SqlAlchemyUnitOfWork(engine, storage.cipher())  # noqa: E731
        with uow() as first:
            pid = first.session.connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        _kill_backend(engine, pid)
        with pytest.raises(StoreUnavailable), uow() as broken:
            broken.services.find_by_name("nothing")
        for _ in range(3):
            with uow() as again:
                assert again.session.connection.exec_driver_sql("SELECT pg_backend_pid()").scalar() != pid
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_statement_timeout_is_store_unavailable() -> None:
    url = storage.postgres_url()
    engine = create_engine(url, EngineOptions(statement_timeout_ms=50))
    try:
        with pytest.raises(StoreUnavailable), SqlAlchemyUnitOfWork(engine, storage.cipher()) as uow:
            uow.session.execute(sa.text("SELECT pg_sleep(1)"))
    finally:
        engine.dispose()


def test_an_unreachable_database_is_a_503_over_http_never_a_500() -> None:
    import falcon.testing

    from notify.adapters.jwt import PyJwtTokens
    from notify.adapters.system import Uuid4Generator
    from notify.entrypoints.http import create_app
    from notify.usecases.app import Notify
    from tests.fakes import FrozenClock, fast_password_hasher

    engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere", EngineOptions(connect_timeout=2))
    ids = Uuid4Generator()
    notify = Notify(uow=lambda: SqlAlchemyUnitOfWork(engine, Cipher(["k"])), clock=FrozenClock(), ids=ids,
                    secrets=ids, passwords=fast_password_hasher(), tokens=PyJwtTokens())
    result = falcon.testing.TestClient(create_app(notify)).simulate_get("/_status")
    assert result.status_code == 503
