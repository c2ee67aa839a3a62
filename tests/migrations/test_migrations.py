"""Alembic: every revision upgrades and downgrades, on PostgreSQL and SQLite, and the migrations agree with
tables.py (autogenerate finds nothing to do)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from notify.adapters.sqlalchemy import create_engine, migrate, tables
from tests.postgres_server import database_url_for_this_run

STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
    else:
        base = sa.make_url(database_url_for_this_run())
        name = f"{base.database}_mig"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine = create_engine(base.set(database=name))
    yield engine
    engine.dispose()
    if request.param == "postgres":
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def _pg_objects(engine: sa.Engine) -> tuple[set[str], set[str]]:
    with engine.connect() as connection:
        indexes = set(connection.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'notifications'").scalars())
        statistics = set(connection.exec_driver_sql("SELECT stxname FROM pg_statistic_ext").scalars())
    return indexes, statistics


def test_upgrade_downgrade_upgrade(engine: sa.Engine) -> None:
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.head()
    assert _tables(engine) == set(tables.metadata.tables)
    migrate.downgrade(engine, "base")
    assert migrate.current(engine) is None
    assert _tables(engine) == set()
    migrate.upgrade(engine)
    assert _tables(engine) == set(tables.metadata.tables)
    assert migrate.is_up_to_date(engine)


def test_migrations_and_tables_agree(engine: sa.Engine) -> None:
    migrate.upgrade(engine)
    assert migrate.drift(engine) == []


def test_the_seed_indexes_exist_by_name(engine: sa.Engine) -> None:
    migrate.upgrade(engine)
    names = {ix["name"] for ix in sa.inspect(engine).get_indexes("notifications")}
    assert {"ix_notifications_service_created_at", "ix_notifications_notification_type_composite",
            "ix_notifications_in_flight_created_at"} <= names
    if engine.dialect.name == "postgresql":
        indexes, statistics = _pg_objects(engine)
        assert {"ix_notifications_normalised_to_trgm", "ix_notifications_client_reference_trgm"} <= indexes
        assert "st_dep_notifications_service_id_api_key_id" in statistics
    else:
        assert not any(name.endswith("_trgm") for name in names)  # PostgreSQL-only objects stay there


def test_create_all_builds_the_same_postgresql_objects(engine: sa.Engine) -> None:
    """tables.metadata.create_all (used by no one in production, but by tools) matches the migrations too."""
    tables.metadata.create_all(engine)
    if engine.dialect.name == "postgresql":
        indexes, statistics = _pg_objects(engine)
        assert "ix_notifications_normalised_to_trgm" in indexes
        assert "st_dep_notifications_service_id_api_key_id" in statistics
    tables.metadata.drop_all(engine)
