"""Every attribute of every stored domain class has its column: a new domain field without a column (and a
migration) fails here, with the names, rather than at the first INSERT."""

from __future__ import annotations

import pytest

from notify.adapters.sqlalchemy import rows as R
from notify.adapters.sqlalchemy import tables as t

STORED = [(R.SERVICE, t.services), (R.SERVICE, t.services_history), (R.USER, t.users),
          (R.ORGANISATION, t.organisation), (R.TEMPLATE, t.templates), (R.TEMPLATE, t.templates_history),
          (R.API_KEY, t.api_keys), (R.API_KEY, t.api_keys_history), (R.NOTIFICATION, t.notifications),
          (R.JOB, t.jobs), (R.PROVIDER, t.provider_details), (R.PROVIDER, t.provider_details_history),
          (R.EMAIL_BRANDING, t.email_branding), (R.LETTER_BRANDING, t.letter_branding),
          (R.CALLBACK_API, t.service_callback_api), (R.CALLBACK_API, t.service_callback_api_history),
          (R.GUEST_LIST_ENTRY, t.service_whitelist)]


@pytest.mark.parametrize(("row_map", "table"), STORED, ids=[table.name for _, table in STORED])
def test_every_domain_attribute_has_a_column(row_map: R.RowMap, table) -> None:  # type: ignore[no-untyped-def,type-arg]
    missing = sorted(set(row_map.columns.values()) - set(table.c.keys()))
    assert not missing, (f"{row_map.what} has attributes with no column in {table.name}: {missing}; add them to "
                         f"notify/adapters/sqlalchemy/tables.py and a migration (alembic revision --autogenerate)")
