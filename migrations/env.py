"""Alembic environment. Run programmatically by `notify db …` (which hands over a connection) or by the
`alembic` command (which reads NOTIFY_DATABASE_URL, else sqlalchemy.url from alembic.ini)."""

from __future__ import annotations

import os
from typing import Any

from alembic import context
import sqlalchemy as sa

from notify.adapters.sqlalchemy import tables
from notify.adapters.sqlalchemy.migrate import include_object_for, render_item

config = context.config
target_metadata = tables.metadata


def _configure(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object_for(connection.dialect.name),
        render_item=render_item,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"}, render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection: sa.Connection | None = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from notify.adapters.sqlalchemy.engine import create_engine

    engine = create_engine(_url())
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def _url() -> Any:
    return os.environ.get("NOTIFY_DATABASE_URL") or config.get_main_option("sqlalchemy.url")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
