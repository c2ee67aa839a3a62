"""Engines for PostgreSQL (psycopg 3) and SQLite, with the seed's pool and timeout settings.

PostgreSQL: pool_size 5, pool_timeout 30 s, pool_recycle 300 s, connect_timeout 5 s, tcp_user_timeout 5000 ms,
statement_timeout 1,200,000 ms, and a ping before using a connection that has been idle in the pool for more
than `ping_after_idle` seconds (a restarted server is survived). A connection in steady use is not pinged:
a ping per checkout is a round trip per transaction on the hot path; should the server have gone away in
the last second anyway, that one statement fails (503, StoreUnavailable) and the pool is renewed.
SQLite: WAL, foreign keys on, a busy timeout, and BEGIN IMMEDIATE so that writers queue instead of
failing half-way (and SAVEPOINTs work: the driver's own transaction handling is switched off).
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from attrs import frozen
from sqlalchemy.pool import StaticPool

from notify.domain.errors import StoreUnavailable


@frozen(kw_only=True)
class EngineOptions:
    pool_size: int = 5
    pool_timeout: float = 30
    pool_recycle: int = 300
    pool_pre_ping: bool = True  # True: ping connections idle longer than ping_after_idle; False: never
    ping_after_idle: float = 1.0  # seconds
    connect_timeout: int = 5  # seconds
    tcp_user_timeout_ms: int = 5000
    statement_timeout_ms: int = 1_200_000
    sqlite_busy_timeout: float = 30  # seconds a SQLite writer waits for another


class BadDatabaseUrl(ValueError):
    """The URL names no store notify can use."""


def parse_url(url: str) -> sa.URL:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise BadDatabaseUrl(f"not a database URL: {url!r} (want postgresql+psycopg://…, sqlite:///path "
                             f"or memory)") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.drivername != "postgresql+psycopg":
            raise BadDatabaseUrl(f"unsupported PostgreSQL driver {parsed.drivername!r}: use postgresql+psycopg://")
    elif backend == "sqlite":
        if parsed.drivername not in ("sqlite", "sqlite+pysqlite"):
            raise BadDatabaseUrl(f"unsupported SQLite driver {parsed.drivername!r}: use sqlite:///path")
    else:
        raise BadDatabaseUrl(f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}: "
                             f"use postgresql+psycopg://…, sqlite:///path or memory")
    return parsed


def create_engine(url: str | sa.URL, options: EngineOptions | None = None, **overrides: Any) -> sa.Engine:
    options = options or EngineOptions()
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, options, **overrides)
    connect_args = {
        "connect_timeout": str(options.connect_timeout),
        "tcp_user_timeout": str(options.tcp_user_timeout_ms),
        "options": f"-c statement_timeout={options.statement_timeout_ms} -c TimeZone=UTC",
    }
    kwargs: dict[str, Any] = {
        "pool_size": options.pool_size,
        "pool_timeout": options.pool_timeout,
        "pool_recycle": options.pool_recycle,
        "connect_args": connect_args,
    }
    kwargs.update(overrides)
    engine = sa.create_engine(parsed, **kwargs)
    if options.pool_pre_ping and not kwargs.get("pool_pre_ping"):
        _ping_when_idle(engine, options.ping_after_idle)
    return engine


def _ping_when_idle(engine: sa.Engine, idle_seconds: float) -> None:
    @sa.event.listens_for(engine, "connect")
    @sa.event.listens_for(engine, "checkin")
    def _fresh_or_checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @sa.event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is not None and time.monotonic() - idle_since <= idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the pool replaces the connection and tries again
            raise sa.exc.DisconnectionError(str(exc)) from exc


def _sqlite_engine(url: sa.URL, options: EngineOptions, **overrides: Any) -> sa.Engine:
    in_memory = url.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": options.sqlite_busy_timeout}}
    if in_memory:
        kwargs["poolclass"] = StaticPool  # one shared connection: every unit of work sees the same database
    else:
        kwargs["pool_pre_ping"] = False
    kwargs.update(overrides)
    engine = sa.create_engine(url, **kwargs)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(options.sqlite_busy_timeout * 1000)}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def check_connection(engine: sa.Engine) -> None:
    """Connect once; raise StoreUnavailable with the driver's reason when the store cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as exc:
        raise StoreUnavailable(f"cannot reach the database at {describe(engine)}: {reason(exc)}") from None


def describe(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return " ".join(str(original).split())[:300]
