"""Migration 0004 gives every service already there Notify's default text message sender, GOVUK."""

from __future__ import annotations

from datetime import datetime, timezone
from uuid import uuid4

import sqlalchemy as sa

from notify.adapters.sqlalchemy import migrate

from .test_migrations import engine  # noqa: F401 - the same stores, fresh for each test

CREATED = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def _a_service_before_senders(connection: sa.Connection) -> object:
    user_id, service_id = uuid4(), uuid4()
    uuid, when = sa.Uuid(), sa.DateTime(timezone=True)
    users = sa.table("users", sa.column("id", uuid), sa.column("name"), sa.column("email_address"),
                     sa.column("_password"), sa.column("created_at", when))
    services = sa.table("services", sa.column("id", uuid), sa.column("name"), sa.column("restricted"),
                        sa.column("created_at", when), sa.column("created_by_id", uuid), sa.column("version"))
    connection.execute(sa.insert(users).values(id=user_id, name="Old", email_address="old@example.gov.uk",
                                               _password="x", created_at=CREATED))
    connection.execute(sa.insert(services).values(id=service_id, name="Old service", restricted=True,
                                                  created_at=CREATED, created_by_id=user_id, version=1))
    return service_id


def test_existing_services_get_a_default_govuk_sender(engine: sa.Engine) -> None:  # noqa: F811
    migrate.upgrade(engine, "0003")
    with engine.begin() as connection:
        service_id = _a_service_before_senders(connection)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT service_id, sms_sender, is_default, archived "
                                          "FROM service_sms_senders")).all()
    assert [(str(r[0]).replace("-", ""), r[1], bool(r[2]), bool(r[3])) for r in rows] == [
        (str(service_id).replace("-", ""), "GOVUK", True, False)]
    migrate.downgrade(engine, "0003")
    assert "service_sms_senders" not in sa.inspect(engine).get_table_names()
