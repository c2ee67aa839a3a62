"""What differs between the SQL stores, chosen once per engine: a strategy object, not a branch per method.
`portable` holds what SQLAlchemy Core runs anywhere (and SQLite's own insert); `postgresql` overrides the hot
statements with fixed text sent straight to psycopg, COPY and one-statement batches."""

from __future__ import annotations

import sqlalchemy as sa

from .portable import Dialect, SqliteDialect
from .postgresql import PostgresDialect

SQLITE = SqliteDialect()
POSTGRESQL = PostgresDialect()


def dialect_for(engine: sa.Engine) -> Dialect:
    return POSTGRESQL if engine.dialect.name == "postgresql" else SQLITE


__all__ = ["Dialect", "PostgresDialect", "SqliteDialect", "dialect_for"]
