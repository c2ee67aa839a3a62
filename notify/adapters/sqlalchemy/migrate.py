"""Alembic, driven from code: `notify db upgrade | downgrade REV | current`, first-start migration, tests."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from . import tables


def _migrations() -> Path:
    """Installed, they ship inside the package (notify/migrations); in a checkout they sit at its root."""
    package = Path(__file__).resolve().parents[2]
    inside = package / "migrations"
    return inside if (inside / "env.py").exists() else package.parent / "migrations"


MIGRATIONS = _migrations()


def include_object_for(dialect: str) -> Callable[..., bool]:
    """PostgreSQL-only objects (trigram indexes...) exist only there: elsewhere they are not drift."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        info = getattr(obj, "info", None) or {}
        return not (info.get("postgresql_only") and dialect != "postgresql")

    return include


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write our column types into migrations as plain SQLAlchemy types: migrations must not import app code."""
    if type_ == "type" and isinstance(obj, tables.UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def config(connection: sa.Connection | None = None) -> Config:
    if not (MIGRATIONS / "env.py").exists():
        raise RuntimeError(f"Alembic migrations not found at {MIGRATIONS}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


MIGRATION_LOCK = 0x6E6F74696679  # "notify": one migrator at a time when several instances start together


def _lock(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        _lock(connection)
        command.upgrade(config(connection), revision)


def downgrade(engine: sa.Engine, revision: str) -> None:
    with engine.begin() as connection:
        _lock(connection)
        command.downgrade(config(connection), revision)


def current(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str | None:
    return ScriptDirectory.from_config(config()).get_current_head()


def is_up_to_date(engine: sa.Engine) -> bool:
    return current(engine) == head()


def drift(engine: sa.Engine) -> list[Any]:
    """What autogenerate would change to make the database match tables.py: [] when none."""
    with engine.connect() as connection, warnings.catch_warnings():
        # SQLite cannot reflect expression indexes (lower(email_address)...): checked by name below instead.
        warnings.filterwarnings("ignore", message=".*expression-based index.*")
        context = MigrationContext.configure(connection, opts={
            "include_object": include_object_for(connection.dialect.name),
            "compare_type": True,
        })
        diffs = list(compare_metadata(context, tables.metadata))
        if connection.dialect.name == "sqlite":
            present = set(connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())
            diffs += [("add_index", index) for table in tables.metadata.tables.values() for index in table.indexes
                      if index.name not in present and any(not isinstance(e, sa.Column) for e in index.expressions)]
        return diffs
